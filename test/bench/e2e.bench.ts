/**
 * End-to-end benchmark, relative to this machine's own capacity: signed webhooks → ingress →
 * Redis inbox → worker (understand, step, atomic commit) → outbox → sender → the fake Graph API.
 *   1. capacity: a burst of messages posted as fast as 64 connections allow, timed until every
 *      resulting send reached the fake = inbound messages/s fully processed (median of rounds);
 *   2. latency: open loops at 50 % and 80 % of that capacity; webhook posted → its "got <text>"
 *      send received, p50/p95/p99.
 * With --split the same is measured for the roles split over processes (ingress | worker |
 * sender on one Redis), in the same run, with the capacity rounds interleaved.
 *   npm run bench:e2e -- [--split] [--duration 5] [--rounds 3] [--conversations 400] [--worker-processes 1]
 * Flow: test/integration/fixtures/echo.flow.json — each inbound message gives 2 sends
 * ("got <text>" and the next prompt).
 */
import { parseArgs } from 'node:util';
import { textOf } from '../fake-graph';
import { SINGLE, splitLayout, startStack, type Stack } from './e2e-stack';
import { fmt, machineLine, median, numberFlag, percentile, signedText, sleep, spread, type SignedBody } from './lib';

const { values: flags } = parseArgs({
  options: {
    split: { type: 'boolean', default: false },
    duration: { type: 'string' },
    rounds: { type: 'string' },
    conversations: { type: 'string' },
    'worker-processes': { type: 'string' },
  },
});
const PHASE_MS = numberFlag(flags.duration, 5, 'duration') * 1000;
const ROUNDS = Math.round(numberFlag(flags.rounds, 3, 'rounds'));
const CONVERSATIONS = Math.round(numberFlag(flags.conversations, 400, 'conversations'));
const WORKER_PROCESSES = Math.round(numberFlag(flags['worker-processes'], 1, 'worker-processes'));
const SENDS_PER_MESSAGE = 2;
const LOADS = [
  { share: 0.5, p95TargetMs: 50 },
  { share: 0.8, p95TargetMs: 150 },
] as const;

const user = (i: number): string => `4916${String(i % CONVERSATIONS).padStart(8, '0')}`;
let seq = 0;
/** Signed bodies with unique texts (`<tag><n>`): the echo flow answers "got <text>". */
const messages = (n: number, tag: string): Array<{ text: string; body: SignedBody }> =>
  Array.from({ length: n }, () => {
    seq++;
    const text = `${tag}${seq}`;
    return { text, body: signedText(user(seq), text) };
  });

async function postAll(stack: Stack, bodies: SignedBody[], connections = 64): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let b = bodies[next++]; b; b = bodies[next++]) await stack.target.post(b);
    }),
  );
}

/** Every conversation gets its first prompt, so the measured messages are answers at an ask. */
async function warmUp(stack: Stack): Promise<void> {
  await postAll(
    stack,
    Array.from({ length: CONVERSATIONS }, (_, i) => signedText(user(i), 'hello')),
  );
  if (!(await stack.waitSends(CONVERSATIONS, 60_000)))
    throw new Error(`warm-up: only ${stack.graph.sent.length}/${CONVERSATIONS} prompts arrived (${stack.layout.name})`);
  stack.graph.reset();
}

/** Inbound messages/s fully processed: burst posted, timed until its last send arrived. */
async function capacityRound(stack: Stack, count: number): Promise<number> {
  const bodies = messages(count, 'c').map((m) => m.body);
  const t0 = performance.now();
  await postAll(stack, bodies);
  const complete = await stack.waitSends(count * SENDS_PER_MESSAGE, 120_000);
  const seconds = (performance.now() - t0) / 1000;
  const sent = stack.graph.sent.length;
  stack.graph.reset();
  if (!complete) process.stderr.write(`capacity round incomplete: ${sent}/${count * SENDS_PER_MESSAGE} sends (${stack.layout.name})\n`);
  return sent / SENDS_PER_MESSAGE / seconds;
}

interface OpenLoopResult {
  share: number;
  p95TargetMs: number;
  rate: number;
  achieved: number;
  latencies: number[];
  expected: number;
}

async function openLoop(stack: Stack, rate: number, share: number, p95TargetMs: number): Promise<OpenLoopResult> {
  const total = Math.floor((rate * PHASE_MS) / 1000);
  const planned = messages(total, 'L');
  const postedAt = new Map<string, number>();
  const inflight: Array<Promise<number>> = [];
  const start = performance.now();
  for (const [i, m] of planned.entries()) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 1) await sleep(wait);
    postedAt.set(`got ${m.text}`, Date.now());
    inflight.push(stack.target.post(m.body));
  }
  const achieved = total / ((performance.now() - start) / 1000);
  await Promise.all(inflight);
  await stack.waitSends(total * SENDS_PER_MESSAGE, 60_000);
  const latencies = stack.graph.sent
    .flatMap((r) => {
      const at = postedAt.get(textOf(r.body));
      return at === undefined ? [] : [r.receivedAt - at];
    })
    .sort((a, b) => a - b);
  stack.graph.reset();
  return { share, p95TargetMs, rate, achieved, latencies, expected: total };
}

const layouts = flags.split ? [SINGLE, splitLayout(WORKER_PROCESSES)] : [SINGLE];
const stacks: Stack[] = [];
try {
  for (const layout of layouts) stacks.push(await startStack(layout));
  for (const stack of stacks) await warmUp(stack);

  const capacity = new Map<Stack, number[]>(stacks.map((s) => [s, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < stacks.length; k++) {
      const stack = stacks[(round + k) % stacks.length];
      const runs = stack ? capacity.get(stack) : undefined;
      if (!stack || !runs) continue;
      // The first burst probes; later ones last about --duration at the capacity seen so far.
      const count = runs.length === 0 ? 2000 : Math.max(1000, Math.round(median(runs) * (PHASE_MS / 1000)));
      runs.push(await capacityRound(stack, count));
      process.stderr.write(`round ${round + 1}/${ROUNDS}, ${stack.layout.name}: ${fmt(runs[runs.length - 1] ?? NaN)} msg/s\n`);
    }
  }

  const results = new Map<Stack, OpenLoopResult[]>();
  for (const stack of stacks) {
    const cap = median(capacity.get(stack) ?? []);
    const runs: OpenLoopResult[] = [];
    for (const load of LOADS) runs.push(await openLoop(stack, Math.max(10, Math.round(cap * load.share)), load.share, load.p95TargetMs));
    results.set(stack, runs);
  }

  console.log(
    `\nEnd-to-end benchmark: ${ROUNDS} capacity rounds (≈${PHASE_MS / 1000} s each), open loops of ${PHASE_MS / 1000} s at 50 % and 80 % of each setup's own capacity; ${CONVERSATIONS} conversations; one Redis; fake Graph API in the bench process`,
  );
  console.log(`machine: ${machineLine()}\n`);
  console.log(
    '| setup | capacity, inbound msg/s fully processed | load | rate asked / achieved (msg/s) | webhook → send p50 / p95 / p99 (ms) | p95 target |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const stack of stacks) {
    for (const r of results.get(stack) ?? []) {
      const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(r.latencies, p));
      const missing = r.latencies.length < r.expected ? ` (${r.expected - r.latencies.length} of ${r.expected} never answered)` : '';
      const verdict = (p95 ?? Infinity) <= r.p95TargetMs ? 'met' : 'NOT met';
      console.log(
        `| ${stack.layout.name} | ${spread(capacity.get(stack) ?? [])} | ${r.share * 100} % | ${fmt(r.rate)} / ${fmt(r.achieved)} | ${fmt(p50 ?? NaN)} / ${fmt(p95 ?? NaN)} / ${fmt(p99 ?? NaN)}${missing} | ≤ ${r.p95TargetMs}: ${verdict} |`,
      );
    }
  }
  const [single, split] = stacks;
  if (single && split) {
    const a = capacity.get(single) ?? [];
    const ratios = (capacity.get(split) ?? []).map((x, i) => x / (a[i] ?? NaN));
    console.log(`\nsplit capacity / one-process capacity (per interleaved round): ${spread(ratios)}`);
  }
  console.log('targets: p95 ≤ 50 ms at 50 % of capacity, ≤ 150 ms at 80 %');
} finally {
  for (const stack of stacks) await stack.stop();
}
