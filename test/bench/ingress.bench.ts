/**
 * Ingress benchmark, relative: signed WhatsApp webhooks against three servers measured in the
 * same run, in interleaved rounds (the order rotates each round, so a change in machine load
 * hits all three alike):
 *   - bare: a Fastify route that answers 200 (the floor of any HTTP ingress);
 *   - durable: verify HMAC + parse + ONE Redis script call (dedupe SET NX + append) — the floor
 *     of an ingress that acknowledges only what is stored (test/bench/durable-ingress.ts);
 *   - Parley: the real webhook ingress on Redis.
 * Reports each server's closed-loop req/s and Parley's ratio to both floors (medians of the
 * per-round ratios, with their spread), then p50/p99 acknowledgement latency in an open loop
 * at half the durable floor's rate (a rate relative to this machine, not a fixed number).
 *   npm run bench:ingress -- [--duration 4] [--rounds 5] [--concurrency 32]
 */
import { parseArgs } from 'node:util';
import {
  BodyQueue,
  closedLoop,
  freePort,
  fmt,
  machineLine,
  median,
  numberFlag,
  openLoop,
  percentile,
  processCpuMs,
  spread,
  startServer,
  Target,
  type BenchServer,
} from './lib';

const { values: flags } = parseArgs({
  options: { duration: { type: 'string' }, rounds: { type: 'string' }, concurrency: { type: 'string' } },
});
const ROUND_MS = numberFlag(flags.duration, 4, 'duration') * 1000;
const ROUNDS = Math.round(numberFlag(flags.rounds, 5, 'rounds'));
const CONCURRENCY = Math.round(numberFlag(flags.concurrency, 32, 'concurrency'));
const TARGET_RATIO = 0.85;

type Mode = 'bare' | 'durable' | 'ingress';
const MODES: readonly Mode[] = ['bare', 'durable', 'ingress'];
const LABEL: Record<Mode, string> = {
  bare: 'bare Fastify route (floor of any ingress)',
  durable: 'minimal durable ingress: HMAC + parse + 1 Redis script (floor)',
  ingress: 'Parley ingress (verify, parse, route, dedupe + inbox on Redis, metrics)',
};

/** Per round: req/s (wall clock, swings with machine load) and the server's CPU µs per request (steadier). */
interface Running {
  mode: Mode;
  server: BenchServer;
  target: Target;
  rps: number[];
  cpuUsPerRequest: number[];
  errors: number;
}

const bodies = new BodyQueue('4915');
const running: Running[] = [];
try {
  for (const mode of MODES) {
    const port = await freePort();
    const server = await startServer([mode, '--port', String(port)]);
    running.push({ mode, server, target: new Target([`http://127.0.0.1:${port}`]), rps: [], cpuUsPerRequest: [], errors: 0 });
  }
  // Warm-up (JIT, connection pools, Redis scripts loaded), then the measured rounds.
  for (const r of running) {
    bodies.refill(20_000);
    await closedLoop(r.target, bodies.take, CONCURRENCY, 1500);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < running.length; k++) {
      const r = running[(round + k) % running.length];
      if (!r) continue;
      bodies.refill(Math.max(20_000, Math.ceil(Math.max(0, ...running.flatMap((x) => x.rps)) * (ROUND_MS / 1000) * 1.3)));
      const cpuBefore = processCpuMs(r.server.child.pid);
      const res = await closedLoop(r.target, bodies.take, CONCURRENCY, ROUND_MS);
      const cpuAfter = processCpuMs(r.server.child.pid);
      r.rps.push(res.rps);
      if (cpuBefore !== null && cpuAfter !== null) r.cpuUsPerRequest.push(((cpuAfter - cpuBefore) * 1000) / (res.rps * (ROUND_MS / 1000)));
      r.errors += res.errors;
    }
    process.stderr.write(`round ${round + 1}/${ROUNDS}: ${running.map((r) => `${r.mode} ${fmt(r.rps[round] ?? NaN)}`).join(', ')} req/s\n`);
  }
  const byMode = (mode: Mode): Running => {
    const r = running.find((x) => x.mode === mode);
    if (!r) throw new Error(`no ${mode} server`);
    return r;
  };
  const [bare, durable, parley] = [byMode('bare'), byMode('durable'), byMode('ingress')];
  const ratios = (a: Running, b: Running): number[] => a.rps.map((x, i) => x / (b.rps[i] ?? NaN));
  /** Throughput one core would give, relative: b's CPU per request over a's (higher is better for a). */
  const cpuRatios = (a: Running, b: Running): number[] => a.cpuUsPerRequest.map((x, i) => (b.cpuUsPerRequest[i] ?? NaN) / x);

  // Open loop at half the durable floor's capacity, the same rate for each server.
  const rate = Math.max(100, Math.round(median(durable.rps) / 2 / 100) * 100);
  const latency = new Map<Mode, { p50: number; p99: number; achieved: number; errors: number }>();
  for (const r of running) {
    bodies.refill(Math.ceil(rate * (ROUND_MS / 1000)) + 1000);
    const open = await openLoop(r.target, bodies.take, rate, ROUND_MS);
    latency.set(r.mode, {
      p50: percentile(open.latencies, 50),
      p99: percentile(open.latencies, 99),
      achieved: open.achieved,
      errors: open.errors,
    });
  }

  const row = (r: Running, vsDurable: string, vsBare: string): string => {
    const l = latency.get(r.mode);
    return `| ${LABEL[r.mode]} | ${spread(r.rps)} | ${vsDurable} | ${vsBare} | ${spread(r.cpuUsPerRequest, 0)} | ${l ? `${fmt(l.p50)} / ${fmt(l.p99)}` : '—'} | ${r.errors + (l?.errors ?? 0)} |`;
  };
  console.log(
    `\nIngress benchmark: ${ROUNDS} interleaved rounds × ${ROUND_MS / 1000} s closed loop at concurrency ${CONCURRENCY}; open loop ${ROUND_MS / 1000} s at ${fmt(rate)} req/s (½ the durable floor)`,
  );
  console.log(`machine: ${machineLine()}`);
  console.log('figures: median (min–max) over the rounds; ratios are per-round ratios, so both sides saw the same load\n');
  console.log(
    '| server | req/s | ratio to durable floor | ratio to bare route | server CPU per request (µs) | p50 / p99 ack at ½ floor (ms) | errors |',
  );
  console.log('|---|---|---|---|---|---|---|');
  console.log(row(bare, '—', '1.00'));
  console.log(row(durable, '1.00', spread(ratios(durable, bare))));
  console.log(row(parley, spread(ratios(parley, durable)), spread(ratios(parley, bare))));
  const verdict = median(ratios(parley, durable)) >= TARGET_RATIO ? 'met' : 'NOT met';
  console.log(`\ntarget: Parley ≥ ${TARGET_RATIO} × the durable floor — ${verdict} (median ratio ${fmt(median(ratios(parley, durable)))})`);
  if (parley.cpuUsPerRequest.length > 0) {
    console.log(
      `by server CPU per request (less sensitive to machine load than req/s, not immune: CPU steal and cache sharing inflate it): Parley ${spread(cpuRatios(parley, durable))} × the durable floor, ${spread(cpuRatios(parley, bare))} × the bare route`,
    );
  }
} finally {
  await Promise.all(
    running.map(async (r) => {
      await r.target.close();
      await r.server.stop();
    }),
  );
}
