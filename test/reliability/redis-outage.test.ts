/**
 * A real redis-server of its own, frozen (SIGSTOP) and then killed, under webhook traffic: ingress
 * answers 503 within its store timeout (Meta retries), /readyz says 503 as fast, every answer is in
 * parley_ingress_latency_ms with its status, no log line carries a message's data, and after the
 * freeze the retries queue each message exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeSignature } from '@parley/channels';
import { createLogger } from '../../runtime/src/platform/logger';
import { buildServer } from '../../runtime/src/app/server';
import { createRedisStores } from '../../runtime/src/stores';
import { TEST_APP_SECRET, createTestContext, testConfig } from '../../runtime/src/testing/context';
import { wa, waInbound, wamid } from '../fake-graph/payloads';
import { freePort } from './processes';
import { asConversationId } from '../../runtime/src/conversation';

const STORE_TIMEOUT_MS = 400;
/** The bound a test asserts: the timeout plus room for a loaded 2-core CI machine. */
const ANSWER_WITHIN_MS = 1000;

let redis: ChildProcess;
let stores: Awaited<ReturnType<typeof createRedisStores>>;
let app: Awaited<ReturnType<typeof buildServer>>;
let ctx: ReturnType<typeof createTestContext>;
let logText = '';

beforeAll(async () => {
  const port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      stores = await createRedisStores({ url, prefix: 'outage:', connectTimeoutMs: 500 });
      break;
    } catch (err) {
      if (tries > 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  ctx = createTestContext(stores, { config: testConfig({ server: { storeTimeoutMs: STORE_TIMEOUT_MS } }) });
  ctx.log = createLogger({
    level: 'info',
    destination: new Writable({
      write(c: Buffer, _e, done) {
        logText += c.toString();
        done();
      },
    }),
  });
  app = await buildServer(ctx, { ingress: true });
}, 30_000);

afterAll(async () => {
  await app?.close();
  stores?.redis.disconnect();
  if (redis && redis.exitCode === null) redis.kill('SIGKILL');
});

function webhook(from: string, text: string, id = wamid()): { payload: string; headers: Record<string, string> } {
  const payload = JSON.stringify(waInbound(from, wa.text(text), { id }));
  return {
    payload,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': computeSignature(Buffer.from(payload), TEST_APP_SECRET) },
  };
}

async function timed(run: () => Promise<{ statusCode: number }>): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await run();
  return { status: res.statusCode, ms: performance.now() - started };
}

const post = (w: ReturnType<typeof webhook>) => timed(() => app.inject({ method: 'POST', url: '/webhooks/whatsapp', ...w }));

async function latencyCount(outcome: string, status: string): Promise<number> {
  const metric = await ctx.metrics.ingressLatency.get();
  return (
    metric.values.find(
      (v) => v.metricName === 'parley_ingress_latency_ms_count' && v.labels.outcome === outcome && v.labels.status === status,
    )?.value ?? 0
  );
}

it('answers 503 fast while Redis is frozen, and the retries after it queue each message once', async () => {
  expect((await post(webhook('4915100000001', 'before the freeze'))).status).toBe(200);
  redis.kill('SIGSTOP');
  const frozen = Array.from({ length: 30 }, (_, i) => webhook(`49151000001${String(i).padStart(2, '0')}`, `secret order text ${i}`));
  let answers: Array<{ status: number; ms: number }>;
  let readyz: { status: number; ms: number };
  let metrics: { status: number; ms: number };
  try {
    answers = await Promise.all(frozen.map(post));
    readyz = await timed(() => app.inject({ method: 'GET', url: '/readyz' }));
    metrics = await timed(() => app.inject({ method: 'GET', url: '/metrics' }));
  } finally {
    redis.kill('SIGCONT');
  }
  for (const a of answers) {
    expect(a.status).toBe(503);
    expect(a.ms).toBeLessThan(ANSWER_WITHIN_MS);
  }
  expect(readyz.status).toBe(503);
  expect(readyz.ms).toBeLessThan(ANSWER_WITHIN_MS);
  expect(metrics.status).toBe(200);
  expect(metrics.ms).toBeLessThan(ANSWER_WITHIN_MS);
  expect(await latencyCount('store_timeout', '503')).toBe(30);
  expect(await latencyCount('ok', '200')).toBe(1);

  // Meta retries the same deliveries: the commands that landed late and the retries dedupe.
  for (const w of frozen) expect((await post(w)).status).toBe(200);
  for (let i = 0; i < frozen.length; i++)
    expect(await stores.inbox.length(asConversationId(`demo:whatsapp:49151000001${String(i).padStart(2, '0')}`))).toBe(1);
  expect(logText).toContain('webhook not queued: the store is unavailable');
  expect(logText).not.toContain('secret order text');
  expect(logText).not.toContain('4915100000');
}, 30_000);

it('answers 503 fast once Redis is down, and /readyz too', async () => {
  redis.kill('SIGKILL');
  await new Promise((r) => redis.once('exit', r));
  for (let i = 0; i < 5; i++) {
    const a = await post(webhook(`49152000000${i}`, `down ${i}`));
    expect(a.status).toBe(503);
    expect(a.ms).toBeLessThan(ANSWER_WITHIN_MS);
  }
  const readyz = await timed(() => app.inject({ method: 'GET', url: '/readyz' }));
  expect(readyz.status).toBe(503);
  expect(readyz.ms).toBeLessThan(ANSWER_WITHIN_MS);
  const failed = (await latencyCount('store_timeout', '503')) + (await latencyCount('store_error', '503'));
  expect(failed).toBe(35);
  expect(logText).not.toContain('4915200000');
}, 30_000);
