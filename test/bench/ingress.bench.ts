/**
 * Ingress benchmark: signed WhatsApp webhooks against the real ingress on Redis vs a bare
 * Fastify route, measured in the same run. Prints throughput (closed loop), the ratio, and
 * p50/p99 acknowledgement latency at 2,000 requests/s (open loop).
 *   npx tsx test/bench/ingress.bench.ts   [BENCH_MS=5000 BENCH_CONCURRENCY=32]
 */
import { closedLoop, freePort, openLoop, percentile, pool, signedText, startServer, type SignedBody } from './lib';

const MS = Number(process.env.BENCH_MS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

let seq = 0;
// Unique message ids (dedupe would drop repeats), 1,000 users; bodies pre-built in batches.
const makeBodies = (n: number): SignedBody[] => Array.from({ length: n }, () => {
  seq++;
  return signedText(`4915${String(seq % 1000).padStart(8, '0')}`, `hello ${seq}`);
});

async function measure(mode: 'bare' | 'ingress'): Promise<{ rps: number[]; p50: number; p99: number; achieved: number; errors: number }> {
  const port = await freePort();
  const server = await startServer([mode, String(port)]);
  const p = pool(`http://127.0.0.1:${port}`);
  try {
    let bodies = makeBodies(20_000);
    let i = 0;
    const next = (): SignedBody => {
      if (i >= bodies.length) {
        bodies = makeBodies(20_000);
        i = 0;
      }
      return bodies[i++]!;
    };
    await closedLoop(p, next, CONCURRENCY, 1000); // warm-up
    const rps: number[] = [];
    for (let r = 0; r < ROUNDS; r++) rps.push((await closedLoop(p, next, CONCURRENCY, MS)).rps);
    const open = await openLoop(p, next, 2000, MS);
    return { rps, p50: percentile(open.latencies, 50), p99: percentile(open.latencies, 99), achieved: open.achieved, errors: open.errors };
  } finally {
    await p.close();
    await server.stop();
  }
}

const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bare = await measure('bare');
const ingress = await measure('ingress');
const fmt = (n: number): string => n.toFixed(n < 10 ? 2 : 0);
console.log(`\nIngress benchmark (${ROUNDS}×${MS} ms closed loop at concurrency ${CONCURRENCY}; ${MS} ms open loop at 2,000 req/s)`);
console.log('| server | median req/s | ratio | p50 ack @2k/s (ms) | p99 ack @2k/s (ms) | achieved rate | errors |');
console.log('|---|---|---|---|---|---|---|');
console.log(`| bare Fastify route (baseline) | ${fmt(med(bare.rps))} | 1.00 | ${fmt(bare.p50)} | ${fmt(bare.p99)} | ${fmt(bare.achieved)} | ${bare.errors} |`);
console.log(`| Parley ingress (verify+parse+dedupe+inbox on Redis) | ${fmt(med(ingress.rps))} | ${(med(ingress.rps) / med(bare.rps)).toFixed(2)} | ${fmt(ingress.p50)} | ${fmt(ingress.p99)} | ${fmt(ingress.achieved)} | ${ingress.errors} |`);
console.log(`targets: ratio ≥ 0.50, p99 ≤ 5 ms at 2,000 req/s`);
