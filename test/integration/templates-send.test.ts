/**
 * Templates on the send side (issue #11), end to end on Redis: a real runtime, the real fake
 * Graph API (template store, signed template webhooks) and template files on disk.
 * - publishing is refused while a template the flow sends is pending, forced with a reason the history keeps;
 * - a template node sends the rendered named parameters;
 * - a marketing template waits behind replies (bulk lane);
 * - a session pinned to a template version renders it after the file changed (and Meta approved the change);
 * - Meta pausing a template (fake switch → webhook) sends the next conversation down the node's
 *   failure path, and a queued send of it is not attempted (dead-lettered).
 * The sender runs with one worker here (not the runtime's) so the lane order is observable.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeGraph, type FakeGraph } from '../fake-graph';
import { startRuntime, type RunningRuntime } from '../../runtime/src/app/runtime';
import { asConversationId } from '../../runtime/src/conversation';
import type { RuntimeContext } from '../../runtime/src/platform/context';
import type { WorkPool } from '../../runtime/src/platform/pool';
import { createSendPlane } from '../../runtime/src/send/plane';
import type { SendClaim, Stores } from '../../runtime/src/stores';
import { dropPrefix, freshRedisStores } from '../../runtime/src/stores/contract/harness';
import {
  TEST_ACCESS_TOKEN,
  TEST_ADMIN_TOKEN,
  TEST_APP_SECRET,
  TEST_PHONE_NUMBER_ID,
  createTestContext,
  testConfig,
} from '../../runtime/src/testing/context';
import { waitFor } from '../../runtime/src/testing/seed';

const WABA = '102290129340398';
const LONG = 20_000;

/** `greeting`: a new one is new content for Meta to review; the fallback is Parley's own (Meta never sees it). */
const cartReminder = (greeting: string, fallback: string) => ({
  name: 'cart_reminder',
  category: 'marketing',
  description: 'Abandoned cart',
  parameters: { first_name: { type: 'text', example: 'Maya', fallback, maxLength: 40 } },
  languages: { en: { body: `${greeting} {{first_name}}, you left items in your cart. Finish your order before they sell out.` } },
});
const orderUpdate = {
  name: 'order_update',
  category: 'utility',
  description: 'Order status',
  parameters: { order_id: { type: 'text', example: 'A-17' } },
  languages: { en: { body: 'Your order {{order_id}} has shipped and is on its way to you.' } },
};

const base = { specVersion: '1.0.0', revision: 1, languages: ['en'] };
/** Started by a business event: the reminder, or (paused, not approved…) the utility notice instead. */
const cartRecovery = {
  ...base,
  id: 'cart-recovery',
  name: 'Cart recovery',
  start: 'remind',
  variables: { first_name: { type: 'string' } },
  triggers: [{ type: 'event', event: 'cart_abandoned' }],
  nodes: [
    {
      id: 'remind',
      type: 'template',
      name: 'cart_reminder',
      language: 'en',
      values: { first_name: '{{first_name}}' },
      exits: { next: 'done', failed: 'notice' },
    },
    { id: 'notice', type: 'template', name: 'order_update', language: 'en', values: { order_id: 'A-17' }, exits: { next: 'done' } },
    { id: 'done', type: 'end', exits: {} },
  ],
};
/** Waits for the user, then sends the reminder with the fallback name: the session pins the template version. */
const remindLater = {
  ...base,
  id: 'remind-later',
  name: 'Remind later',
  start: 'ask',
  variables: { answer: { type: 'string' } },
  triggers: [{ type: 'keyword', keywords: ['remindme'] }],
  nodes: [
    {
      id: 'ask',
      type: 'ask',
      prompt: 'Shall I remind you later?',
      expect: 'text',
      saveAs: 'answer',
      exits: { next: 'remind', invalid: 'remind' },
    },
    { id: 'remind', type: 'template', name: 'cart_reminder', language: 'en', values: {}, exits: { next: 'done', failed: 'done' } },
    { id: 'done', type: 'end', exits: {} },
  ],
};
const greeter = {
  ...base,
  id: 'greeter',
  name: 'Greeter',
  start: 'hi',
  triggers: [{ type: 'keyword', keywords: ['hello'] }],
  nodes: [
    { id: 'hi', type: 'message', text: 'Hi there!', exits: { next: 'done' } },
    { id: 'done', type: 'end', exits: {} },
  ],
};

let stores: Stores;
let ctx: RuntimeContext;
let runtime: RunningRuntime;
let graph: FakeGraph;
let plane: WorkPool<SendClaim>;
let templatesDir: string;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read many answer shapes; assertions check them
async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${runtime.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.json() };
}

const writeTemplate = (doc: { name: string }): void =>
  writeFileSync(join(templatesDir, `${doc.name}.template.json`), `${JSON.stringify(doc, null, 2)}\n`);

function startSender(): void {
  plane = createSendPlane(ctx, { concurrency: 1 });
  plane.start();
}

/** The template requests that reached the fake for one recipient (accepted or not). */
const templateRequests = (to: string, name: string) =>
  graph.requests.filter((r) => r.recipient === to && (r.body as { template?: { name?: string } }).template?.name === name);

const statusOf = async (name: string): Promise<string | undefined> => (await ctx.templates!.states('demo', name)).en?.status;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-templates-send-'));
  const flowsDir = join(dir, 'flows');
  templatesDir = join(dir, 'templates');
  mkdirSync(flowsDir);
  mkdirSync(templatesDir);
  writeTemplate(cartReminder('Hi', 'there'));
  writeTemplate(orderUpdate);
  writeFileSync(join(flowsDir, 'greeter.flow.json'), JSON.stringify(greeter));
  stores = await freshRedisStores();
  ctx = createTestContext(stores, {
    flowsDir,
    config: testConfig({
      templatesDir,
      templates: { syncIntervalSec: 0 },
      graph: { baseUrl: 'http://127.0.0.1:9', version: 'v23.0' },
      send: { backoffBaseMs: 20, backoffMaxMs: 200, maxAttempts: 10 },
      tenants: [
        {
          id: 'demo',
          appSecretEnv: 'T_APP_SECRET',
          verifyTokenEnv: 'T_VERIFY_TOKEN',
          accessTokenEnv: 'T_ACCESS_TOKEN',
          channels: [{ type: 'whatsapp', phoneNumberId: TEST_PHONE_NUMBER_ID, wabaId: WABA }],
        },
      ],
    }),
  });
  // The runtime without its sender: this suite runs one with a single worker (startSender).
  runtime = await startRuntime(ctx, {
    roles: new Set(['ingress', 'worker', 'scheduler']),
    port: 0,
    host: '127.0.0.1',
    workerConcurrency: 4,
  });
  graph = await startFakeGraph({
    appSecret: TEST_APP_SECRET,
    accessToken: TEST_ACCESS_TOKEN,
    webhookUrl: `${runtime.url}/webhooks/whatsapp`,
  });
  ctx.config.graph.baseUrl = graph.url;
  startSender();
}, 60_000);

afterAll(async () => {
  await plane?.stop();
  await runtime?.stop();
  await graph?.close();
  if (stores) {
    await dropPrefix(stores);
    await stores.close();
  }
});

it(
  'refuses to publish while a template the flow sends is pending; forced, the history keeps the reason and the templates',
  async () => {
    for (const name of ['cart_reminder', 'order_update']) {
      const submitted = await api('POST', `/api/templates/${name}/submit?tenant=demo`);
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    }
    expect(
      graph
        .templates(WABA)
        .map((t) => [t.name, t.status])
        .sort(),
    ).toEqual([
      ['cart_reminder', 'PENDING'],
      ['order_update', 'PENDING'],
    ]);
    expect((await api('POST', '/api/flows', { flow: cartRecovery })).status).toBe(201);

    const refused = await api('POST', '/api/flows/cart-recovery/publish', { summary: 'first' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('templates_not_approved');
    expect(refused.body.error.details).toEqual(
      expect.arrayContaining([
        { name: 'cart_reminder', language: 'en', status: 'pending', tenant: 'demo' },
        { name: 'order_update', language: 'en', status: 'pending', tenant: 'demo' },
      ]),
    );
    expect((await api('GET', '/api/flows')).body.find((f: { id: string }) => f.id === 'cart-recovery').publishedVersion).toBeNull();

    const forced = await api('POST', '/api/flows/cart-recovery/publish', {
      summary: 'first',
      force: true,
      reason: 'Black Friday starts now',
    });
    expect(forced.status).toBe(200);
    const [latest] = (await api('GET', '/api/flows/cart-recovery/versions')).body;
    expect(latest).toMatchObject({ version: forced.body.version, live: true, forced: { reason: 'Black Friday starts now' } });
    expect(latest.forced.templates).toHaveLength(2);
    expect(Object.keys(latest.templatePins).sort()).toEqual(['cart_reminder', 'order_update']);
  },
  LONG,
);

it(
  'once Meta approves (webhook), publishing needs no force and a template node sends the rendered named parameters',
  async () => {
    await graph.approveTemplate('cart_reminder', 'en');
    await graph.approveTemplate('order_update', 'en');
    await waitFor(
      'approved in the runtime',
      async () => (await statusOf('cart_reminder')) === 'approved' && (await statusOf('order_update')) === 'approved',
    );
    const published = await api('POST', '/api/flows/cart-recovery/publish', { summary: 'approved now' });
    expect(published.status).toBe(200);
    expect((await api('GET', '/api/flows/cart-recovery/versions')).body[0]).not.toHaveProperty('forced');

    // A file deploy (git) is not gated, but pins the template versions too.
    writeFileSync(join(ctx.flows.dir, 'deployed.flow.json'), JSON.stringify({ ...cartRecovery, id: 'deployed', triggers: [] }));
    await waitFor('deployed', async () => (await api('GET', '/api/flows/deployed/versions')).body.length === 1, LONG);
    expect(Object.keys((await api('GET', '/api/flows/deployed/versions')).body[0].templatePins).sort()).toEqual([
      'cart_reminder',
      'order_update',
    ]);

    const to = '491700000701';
    expect((await api('POST', '/api/events/cart_abandoned', { contact: { id: to }, params: { first_name: 'Maya' } })).status).toBe(202);
    await waitFor('reminder sent', () => graph.sendsTo(to).length === 1, LONG);
    expect(graph.sendsTo(to)[0]!.body).toMatchObject({
      type: 'template',
      template: {
        name: 'cart_reminder',
        language: { code: 'en' },
        components: [{ type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Maya' }] }],
      },
    });
  },
  LONG,
);

it(
  'a marketing template is queued behind replies: the bulk lane goes last',
  async () => {
    await plane.stop();
    const bulk = '491700000702';
    const users = ['491700000703', '491700000704'];
    // The event comes first, the users' messages after it.
    expect((await api('POST', '/api/events/cart_abandoned', { contact: { id: bulk }, params: { first_name: 'Ana' } })).status).toBe(202);
    for (const from of users) await graph.postInbound(from, 'hello');
    const head = (contact: string) => stores.outbox.head(asConversationId(`demo:whatsapp:${contact}`));
    await waitFor('all three queued', async () => (await Promise.all([bulk, ...users].map(head))).every((item) => item !== null), LONG);
    expect((await head(bulk))?.lane).toBe(2);
    expect((await head(users[0]!))?.lane).toBe(0);
    startSender();
    await waitFor('all sent', () => [bulk, ...users].every((c) => graph.sendsTo(c).length === 1), LONG);
    const seqOf = (c: string) => graph.sendsTo(c)[0]!.seq;
    expect(seqOf(bulk)).toBeGreaterThan(Math.max(...users.map(seqOf)));
    expect(graph.textsTo(users[0]!)).toEqual(['Hi there!']);
  },
  LONG,
);

it(
  'a session pinned to a template version renders that version after the file changed and Meta approved the change',
  async () => {
    expect((await api('POST', '/api/flows', { flow: remindLater })).status).toBe(201);
    expect((await api('POST', '/api/flows/remind-later/publish', { summary: 'pins cart_reminder' })).status).toBe(200);
    const user = '491700000705';
    await graph.postInbound(user, 'remindme');
    await waitFor('asked', () => graph.textsTo(user).length === 1, LONG);
    // A new version in git, submitted and approved: a new greeting, and a new fallback name.
    const before = (await ctx.templates!.states('demo', 'cart_reminder')).en?.hash;
    writeTemplate(cartReminder('Hello', 'friend'));
    await waitFor('file reloaded', () => ctx.templates!.get('cart_reminder')?.parameters?.first_name?.fallback === 'friend', LONG);
    const edited = await api('POST', '/api/templates/cart_reminder/submit?tenant=demo');
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await graph.approveTemplate('cart_reminder', 'en');
    await waitFor('the edit approved', async () => {
      const state = (await ctx.templates!.states('demo', 'cart_reminder')).en;
      return state?.status === 'approved' && state.hash !== before;
    });
    await graph.postInbound(user, 'yes please');
    await waitFor('reminder sent', () => graph.sendsTo(user).length === 2, LONG);
    expect(graph.sendsTo(user)[1]!.body).toMatchObject({
      template: { name: 'cart_reminder', components: [{ type: 'body', parameters: [{ parameter_name: 'first_name', text: 'there' }] }] },
    });
  },
  LONG,
);

it(
  'Meta pauses the template: the next conversation takes the failure path and no request for it reaches the fake',
  async () => {
    const deliveries = await graph.pauseTemplate('cart_reminder', 'en');
    expect(deliveries.map((d) => d.status)).toEqual([200]);
    await waitFor('paused in the runtime', async () => (await statusOf('cart_reminder')) === 'paused');
    const to = '491700000706';
    expect((await api('POST', '/api/events/cart_abandoned', { contact: { id: to }, params: { first_name: 'Lea' } })).status).toBe(202);
    await waitFor('notice sent', () => graph.sendsTo(to).length === 1, LONG);
    expect(graph.textsTo(to)).toEqual(['template:order_update']);
    expect(templateRequests(to, 'cart_reminder')).toEqual([]);
    const refused = await ctx.metrics.registry.getSingleMetricAsString('parley_template_refused_total');
    expect(refused).toContain('parley_template_refused_total{reason="paused"} 1');
  },
  LONG,
);

it(
  'a reminder queued while approved is not attempted once Meta pauses it: dead-lettered as template_paused',
  async () => {
    await graph.reinstateTemplate('cart_reminder', 'en');
    await waitFor('approved again', async () => (await statusOf('cart_reminder')) === 'approved');
    await plane.stop();
    const to = '491700000707';
    const conv = asConversationId(`demo:whatsapp:${to}`);
    expect((await api('POST', '/api/events/cart_abandoned', { contact: { id: to }, params: { first_name: 'Ida' } })).status).toBe(202);
    await waitFor('reminder queued', async () => (await stores.outbox.head(conv))?.message.kind === 'template', LONG);
    await graph.pauseTemplate('cart_reminder', 'en');
    await waitFor('paused in the runtime', async () => (await ctx.templates!.blocked('demo', 'cart_reminder', 'en')) !== null);
    startSender();
    await waitFor('outbox settled', async () => (await stores.outbox.head(conv)) === null, LONG);
    expect(templateRequests(to, 'cart_reminder')).toEqual([]);
    const letters = (await stores.deadLetters.list(50)).filter((l) => l.conv === conv);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ code: 132015 });
    expect(letters[0]!.reason).toMatch(/^template_paused: template cart_reminder \(en\) is paused/);
    const blocked = await ctx.metrics.registry.getSingleMetricAsString('parley_template_sends_blocked_total');
    expect(blocked).toContain('parley_template_sends_blocked_total{status="paused"} 1');
  },
  LONG,
);
