/**
 * End-to-end benchmark: signed webhooks → ingress → Redis inbox → worker (understand, step,
 * atomic commit) → outbox → sender → the fake Graph API, with every role in one runtime process
 * on Redis. The fake Graph API runs in this process and records when each send arrives.
 *   npx tsx test/bench/e2e.bench.ts   [E2E_MESSAGES=4000 E2E_RATE=1000 E2E_MS=5000]
 * Flow: test/integration/fixtures/echo.flow.json — each inbound message gives 2 sends
 * ("got <text>" and the next prompt), so sends/s = 2 × messages/s.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGraph, textOf } from '../fake-graph';
import { TEST_ACCESS_TOKEN, TEST_APP_SECRET } from '../../runtime/src/testing/context';
import { freePort, percentile, pool, post, signedText, startServer } from './lib';

const MESSAGES = Number(process.env.E2E_MESSAGES ?? 4000);
const CONVERSATIONS = Number(process.env.E2E_CONVERSATIONS ?? 400);
const RATE = Number(process.env.E2E_RATE ?? 1000);
const OPEN_MS = Number(process.env.E2E_MS ?? 5000);
/** Runtime processes sharing the one Redis (webhooks are spread over them round-robin). */
const PROCESSES = Number(process.env.E2E_PROCESSES ?? 1);

const flowsDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
copyFileSync(new URL('../integration/fixtures/echo.flow.json', import.meta.url), join(flowsDir, 'echo.flow.json'));
const graph = await startFakeGraph({ appSecret: TEST_APP_SECRET, accessToken: TEST_ACCESS_TOKEN });
const servers = await Promise.all(Array.from({ length: PROCESSES }, async () => {
  const port = await freePort();
  return { port, server: await startServer(['runtime', String(port), graph.url, flowsDir]) };
}));
const pools = servers.map((s) => pool(`http://127.0.0.1:${s.port}`, 64));
let rr = 0;
/** Round-robin over the processes, like a load balancer in front of several ingress processes. */
const p = { request: (opts: Parameters<typeof pools[0]['request']>[0]) => pools[rr++ % pools.length]!.request(opts), close: async () => { await Promise.all(pools.map((x) => x.close())); } } as unknown as ReturnType<typeof pool>;
const user = (i: number): string => `4916${String(i).padStart(8, '0')}`;

async function waitSends(n: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (graph.sent.length < n) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}

try {
  // Start every conversation (each gets its first prompt).
  await Promise.all(Array.from({ length: CONVERSATIONS }, (_, i) => post(p, '/webhooks/whatsapp', signedText(user(i), 'hello'))));
  if (!(await waitSends(CONVERSATIONS, 30_000))) throw new Error(`warm-up: only ${graph.sent.length}/${CONVERSATIONS} prompts arrived`);
  graph.reset();

  // 1) Sustained throughput: MESSAGES posted as fast as 64 connections allow, spread over the conversations.
  const bodies = Array.from({ length: MESSAGES }, (_, i) => signedText(user(i % CONVERSATIONS), `t${i}`));
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 64 }, async () => {
    while (next < bodies.length) await post(p, '/webhooks/whatsapp', bodies[next++]!);
  }));
  const postedMs = performance.now() - t0;
  const complete = await waitSends(MESSAGES * 2, 120_000);
  const totalMs = performance.now() - t0;
  const sends = graph.sent.length;
  graph.reset();

  // 2) Latency at a fixed inbound rate: webhook posted → "got <token>" send received by the fake.
  const postedAt = new Map<string, number>();
  const total = Math.floor((RATE * OPEN_MS) / 1000);
  const start = performance.now();
  const inflight: Array<Promise<number>> = [];
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / RATE - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const token = `L${i}`;
    postedAt.set(`got ${token}`, Date.now());
    inflight.push(post(p, '/webhooks/whatsapp', signedText(user(i % CONVERSATIONS), token)));
  }
  await Promise.all(inflight);
  const achieved = total / ((performance.now() - start) / 1000);
  await waitSends(total * 2, 60_000);
  const latencies = graph.sent
    .map((r) => {
      const at = postedAt.get(textOf(r.body));
      return at === undefined ? null : r.receivedAt - at;
    })
    .filter((x): x is number => x !== null)
    .sort((a, b) => a - b);

  console.log(`\nEnd-to-end benchmark (${PROCESSES} runtime process(es), all roles, one Redis; fake Graph API in the bench process; ${CONVERSATIONS} conversations)`);
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| inbound messages posted | ${MESSAGES} in ${(postedMs / 1000).toFixed(2)} s (${(MESSAGES / (postedMs / 1000)).toFixed(0)} webhooks/s acknowledged) |`);
  console.log(`| sends received by the fake Graph API | ${sends} of ${MESSAGES * 2}${complete ? '' : ' (INCOMPLETE)'} in ${(totalMs / 1000).toFixed(2)} s |`);
  console.log(`| sustained sends/s (send requests to the Graph API) | ${(sends / (totalMs / 1000)).toFixed(0)} |`);
  console.log(`| sustained inbound messages/s fully processed | ${(sends / 2 / (totalMs / 1000)).toFixed(0)} |`);
  console.log(`| open loop: inbound rate requested / achieved | ${RATE}/s / ${achieved.toFixed(0)}/s for ${OPEN_MS} ms |`);
  console.log(`| webhook → send latency p50 / p95 / p99 (ms) | ${percentile(latencies, 50)} / ${percentile(latencies, 95)} / ${percentile(latencies, 99)} (n=${latencies.length}) |`);
  console.log('targets: ≥2,000 messages/s to the fake Graph API; p95 ≤ 50 ms at 1,000 messages/s');
} finally {
  await p.close();
  await Promise.all(servers.map((s) => s.server.stop()));
  await graph.close();
}
