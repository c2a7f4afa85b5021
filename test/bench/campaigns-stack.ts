/**
 * The runtime as real OS processes (`runtime/src/main.ts`) on one Redis prefix and the real
 * PostgreSQL server (a fresh schema, through DATABASE_URL's `options=-c search_path=…`), with the
 * fake Graph API in this process: what the campaign benchmark measures and the campaign crash test
 * kills. Contacts are seeded by SQL; the campaign goes through the admin API like a marketer's.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startFakeGraph, textOf, type FakeGraph } from '../fake-graph';
import { openTestDatabase, testPostgresUrl, type TestDatabase } from '../../runtime/src/db/testing';
import { createRedisStores } from '../../runtime/src/stores';
import { dropPrefix, REDIS_URL } from '../../runtime/src/stores/contract/harness';
import { PHONE_NUMBER_ID, SECRETS, freePort, spawnRuntime, writeSetup, type RuntimeProcess } from '../reliability/processes';
import { AUDIENCE_FILTER, BENCH_TENANT } from './campaigns-data';

/**
 * The campaign's message: a marketing template (outside the 24-hour window nothing else may go),
 * approved in the lock as `parley templates pull` would have written it.
 */
export const OFFER_TEMPLATE = 'spring_offer';
const OFFER_TEMPLATE_FILE = {
  name: OFFER_TEMPLATE,
  category: 'marketing',
  description: 'Campaign benchmark offer',
  parameters: { first_name: { type: 'text', example: 'Maya', fallback: 'there', maxLength: 40 } },
  languages: { en: { body: 'Hi {{first_name}}, spring offer: 20 % off this week.' } },
};
const OFFER_LOCK = {
  lockVersion: 1,
  tenants: { [BENCH_TENANT]: { [OFFER_TEMPLATE]: { en: { status: 'approved', category: 'marketing', id: '9001', quality: 'green' } } } },
};

export interface CampaignStackOptions {
  /** The number's ratePerSecond (the campaign gets rateShare of it). */
  numberRate: number;
  /** Seeds the fresh schema before the runtime starts (contacts, consent). */
  seed: (db: TestDatabase) => Promise<void>;
  /** Roles per process (default one process with every role); the first serves webhooks and the admin API. */
  processes?: string[];
  /** Meta's status webhooks for every accepted send (closes the sender's crash window). */
  statuses?: boolean;
}

export interface CampaignStack {
  graph: FakeGraph;
  db: TestDatabase;
  /** The running process at `index` of `processes`. */
  process(index?: number): RuntimeProcess;
  /** Starts (again) the process at `index`: same roles, port, Redis prefix and schema. */
  start(index?: number): Promise<RuntimeProcess>;
  admin<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

async function dropKeys(prefix: string): Promise<void> {
  const stores = await createRedisStores({ url: REDIS_URL, prefix });
  await dropPrefix(stores);
  await stores.close();
}

/** The schema's search_path through the URL: `main.ts` opens DATABASE_URL as it is. */
function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export async function startCampaignStack(opts: CampaignStackOptions): Promise<CampaignStack> {
  const db = await openTestDatabase('postgres');
  const layout = opts.processes ?? ['all'];
  const ports = await Promise.all(layout.map(() => freePort()));
  const port = ports[0]!;
  const prefix = `campbench:${randomUUID().slice(0, 8)}:`;
  let graph: FakeGraph | undefined;
  const running: Array<RuntimeProcess | undefined> = layout.map(() => undefined);
  try {
    await opts.seed(db);
    graph = await startFakeGraph({
      appSecret: SECRETS.RT_APP_SECRET,
      accessToken: SECRETS.RT_ACCESS_TOKEN,
      webhookUrl: `http://127.0.0.1:${port}/webhooks/whatsapp`,
      ...(opts.statuses ? { autoStatuses: ['sent' as const] } : {}),
    });
    const config = writeSetup(graph.url, ['echo.flow.json'], {
      defaultFlow: 'echo',
      channels: [{ type: 'whatsapp', phoneNumberId: PHONE_NUMBER_ID, ratePerSecond: opts.numberRate }],
    });
    const dir = dirname(config);
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates', `${OFFER_TEMPLATE}.template.json`), JSON.stringify(OFFER_TEMPLATE_FILE, null, 2));
    writeFileSync(join(dir, 'templates', 'templates.lock.json'), JSON.stringify(OFFER_LOCK, null, 2));
    const written = JSON.parse(readFileSync(config, 'utf8')) as Record<string, unknown>;
    writeFileSync(config, JSON.stringify({ ...written, templatesDir: 'templates' }, null, 2));
    const env = {
      REDIS_URL,
      PARLEY_REDIS_PREFIX: prefix,
      DATABASE_URL: urlWithSchema(testPostgresUrl(), db.schema),
      // A killed process's claims come back quickly.
      PARLEY_WORK_LEASE_MS: '1500',
      // The flows here understand no free text: the word vectors would only slow every start.
      PARLEY_NLU_VECTORS: '0',
      ...(process.env.CAMPAIGN_STACK_LOG_LEVEL ? { LOG_LEVEL: process.env.CAMPAIGN_STACK_LOG_LEVEL } : {}),
    };
    const fake = graph;
    const stack: CampaignStack = {
      graph: fake,
      db,
      process(index = 0) {
        const proc = running[index];
        if (!proc) throw new Error(`runtime process ${index} is not started`);
        return proc;
      },
      async start(index = 0) {
        const proc = await spawnRuntime({ config, roles: layout[index]!, port: ports[index]!, env, startTimeoutMs: 90_000 });
        running[index] = proc;
        return proc;
      },
      async admin<T>(method: string, path: string, body?: unknown) {
        const res = await fetch(`http://127.0.0.1:${port}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${SECRETS.RT_ADMIN_TOKEN}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
      },
      async stop() {
        await Promise.all(running.map((p) => p?.kill('SIGTERM')));
        await fake.close();
        await dropKeys(prefix);
        await db.drop();
      },
    };
    await Promise.all(layout.map((_, i) => stack.start(i)));
    return stack;
  } catch (err) {
    await Promise.all(running.map((p) => p?.kill('SIGKILL')));
    await graph?.close();
    await dropKeys(prefix);
    await db.drop();
    throw err;
  }
}

/** The campaign the bench and the crash test launch: the seeded audience, the offer template, now. */
export function offerCampaign(id: string, rateShare: number): Record<string, unknown> {
  return {
    id,
    name: `Spring offer ${id}`,
    filter: AUDIENCE_FILTER,
    schedule: { type: 'now' },
    rateShare,
    variants: [{ id: 'a', weight: 1, template: { name: OFFER_TEMPLATE, values: { first_name: '{{contact.name}}' } } }],
  };
}

/** Creates and launches the campaign through the admin API; a refusal stops with the API's answer. */
export async function launchCampaign(stack: CampaignStack, campaign: Record<string, unknown>): Promise<void> {
  const created = await stack.admin('POST', '/api/campaigns', campaign);
  if (created.status >= 300) throw new Error(`POST /api/campaigns answered ${created.status}: ${JSON.stringify(created.body)}`);
  const launched = await stack.admin('POST', `/api/campaigns/${String(campaign.id)}/launch`, {});
  if (launched.status >= 300)
    throw new Error(`POST /api/campaigns/${String(campaign.id)}/launch answered ${launched.status}: ${JSON.stringify(launched.body)}`);
}

export async function campaignStatus(stack: CampaignStack, id: string): Promise<string | undefined> {
  const res = await stack.admin<{ campaign?: { status?: string } }>('GET', `/api/campaigns/${id}`);
  return res.body?.campaign?.status;
}

export const isOffer = (body: unknown): boolean => textOf(body) === `template:${OFFER_TEMPLATE}`;

/** Sends of the offer at the fake Graph API, per recipient (wa_id digits). */
export function offerSends(graph: FakeGraph): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of graph.sent) {
    if (!isOffer(r.body) || !r.recipient) continue;
    const to = r.recipient.replace(/^\+/, '');
    counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return counts;
}
