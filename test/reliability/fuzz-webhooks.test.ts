/**
 * 10,000 malformed or fuzzed webhook bodies (unsigned, signed garbage, mutated real payloads):
 * never a 5xx, never a crash, and whatever was queued is well-formed and processes cleanly.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { computeSignature } from '@parley/channels';
import { messengerWebhook, fb, wa, waInbound, waStatus, waStatusWebhook, wamid } from '../fake-graph';
import { buildServer } from '../../runtime/src/app/server';
import { type InboxItem } from '../../runtime/src/conversation';
import { createMemoryStores } from '../../runtime/src/stores';
import { TEST_APP_SECRET, createTestContext, testConfig } from '../../runtime/src/testing/context';
import { waitFor } from '../../runtime/src/testing/seed';
import { createWorker } from '../../runtime/src/worker/worker';

const TOTAL = 10_000;
const KINDS = new Set(['text', 'button', 'list', 'media', 'location', 'contacts', 'reaction', 'unsupported']);

/** Randomly deletes keys, swaps types and duplicates arrays inside a real payload. */
function mutate(value: unknown, rnd: () => number, depth = 0): unknown {
  if (depth > 12) return value;
  const r = rnd();
  if (r < 0.04) return null;
  if (r < 0.07) return [value];
  if (r < 0.1) return typeof value === 'string' ? 12345 : 'x'.repeat(Math.floor(rnd() * 50));
  if (Array.isArray(value)) return value.map((v) => mutate(v, rnd, depth + 1)).concat(rnd() < 0.1 ? value : []);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (rnd() > 0.06) out[rnd() < 0.02 ? `${k}_` : k] = mutate(v, rnd, depth + 1);
    return out;
  }
  return value;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

it(`answers ${TOTAL} fuzzed webhooks without a 5xx and queues nothing poisonous`, async () => {
  const flowsDir = mkdtempSync(join(tmpdir(), 'parley-fuzz-'));
  copyFileSync(new URL('../integration/fixtures/echo.flow.json', import.meta.url), join(flowsDir, 'echo.flow.json'));
  const base = testConfig() as { tenants: Array<Record<string, unknown>> };
  base.tenants[0]!.defaultFlow = 'echo';
  const ctx = createTestContext(createMemoryStores(), { flowsDir, config: base });
  await ctx.flows.loadAll();
  const app = await buildServer(ctx, { ingress: true });
  const rnd = seeded(20261121);
  const real = (): unknown => {
    const pick = Math.floor(rnd() * 6);
    if (pick === 0) return waInbound('16505551234', wa.text('héllo ✓'));
    if (pick === 1) return waInbound('16505551235', wa.buttonReply('b1', 'Yes'));
    if (pick === 2) return waInbound('16505551236', wa.location(1.5, 2.5, { name: 'X' }));
    if (pick === 3) return waStatusWebhook([waStatus(wamid(), 'failed', { errors: [{ code: 131047 }] })]);
    if (pick === 4) return messengerWebhook('998877', [fb.text('hi there')]);
    return waInbound('16505551237', wa.image({ caption: 'c' }));
  };
  const garbage = fc.sample(
    fc.oneof(
      fc.json(),
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    ),
    { numRuns: TOTAL, seed: 42 },
  );
  const statuses = new Map<number, number>();
  for (let i = 0; i < TOTAL; i++) {
    const r = rnd();
    let body: string;
    if (r < 0.45) body = JSON.stringify(mutate(real(), rnd));
    else if (r < 0.55) body = JSON.stringify(real()).slice(0, Math.floor(rnd() * 200));
    else body = String(garbage[i]);
    const signed = rnd() < 0.85;
    const channel = rnd() < 0.8 ? 'whatsapp' : rnd() < 0.5 ? 'messenger' : 'instagram';
    const res = await app.inject({
      method: 'POST',
      url: `/webhooks/${channel}`,
      payload: body,
      headers: {
        'content-type': 'application/json',
        ...(signed ? { 'x-hub-signature-256': computeSignature(Buffer.from(body), TEST_APP_SECRET) } : {}),
      },
    });
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    if (res.statusCode >= 500) throw new Error(`5xx for body ${body.slice(0, 300)}`);
  }
  expect([...statuses.keys()].every((s) => [200, 400, 401, 404, 413].includes(s))).toBe(true);
  expect(statuses.get(200)).toBeGreaterThan(1000);
  expect(statuses.get(401)).toBeGreaterThan(500);

  // Every queued item is well-formed…
  const queued: InboxItem[] = [];
  const claims = [];
  for (let claim = await ctx.stores.inbox.claim(Date.now(), 60_000); claim; claim = await ctx.stores.inbox.claim(Date.now(), 60_000)) {
    claims.push(claim);
    const item = await ctx.stores.inbox.peek(claim.conv);
    if (item) queued.push(item);
  }
  // Give the conversations back for the worker below.
  for (const claim of claims) await ctx.stores.inbox.release(claim, 0, 0);
  expect(queued.length).toBeGreaterThan(0);
  for (const item of queued) {
    if (item.kind === 'message') {
      expect(typeof item.id === 'string' && item.id.length > 0).toBe(true);
      expect(KINDS.has(item.message.kind)).toBe(true);
      expect(item.contact.id).toMatch(/^[A-Za-z0-9._@+-]{1,128}$/);
    } else {
      expect(item.kind).toBe('status');
    }
  }
  // …and the worker processes all of it without a single poison item.
  const worker = createWorker(ctx, { concurrency: 8 });
  worker.pool.start();
  await waitFor('inbox drained', async () => (await ctx.stores.inbox.readyCount()) === 0, 30_000, 20);
  await worker.pool.stop();
  expect((await ctx.stores.counters.read('runtime')).poison ?? 0).toBe(0);
  await app.close();
}, 120_000);
