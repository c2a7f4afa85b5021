/**
 * Timing of verifySignature for headers that are right, wrong early, wrong
 * late, short and missing. The medians should match within noise: the check
 * always computes the HMAC and compares equal-length buffers.
 *
 *   npx tsx packages/channels/src/bench/signature-timing.ts
 */
import { computeSignature, verifySignature } from '../verify';

const SECRET = 'bench-secret';
const body = Buffer.from(JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [] }] }));
const good = computeSignature(body, SECRET);
const flip = (s: string, i: number): string => s.slice(0, i) + (s[i] === '0' ? '1' : '0') + s.slice(i + 1);

const headers: Record<string, string | undefined> = {
  correct: good,
  'wrong first hex digit': flip(good, 7),
  'wrong last hex digit': flip(good, good.length - 1),
  'short (sha256=ab)': 'sha256=ab',
  missing: undefined,
};

const ROUNDS = 41;
const PER_ROUND = 4_000;
const medians: Record<string, number> = {};
for (let r = 0; r < 2000; r++) for (const h of Object.values(headers)) verifySignature(body, h, SECRET);
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(headers).map((k) => [k, []]));
// Interleave the cases in short blocks, in a rotating order, so load from
// other processes on the machine affects them alike.
const entries = Object.entries(headers);
for (let r = 0; r < ROUNDS; r++) {
  for (let k = 0; k < entries.length; k++) {
    const [name, h] = entries[(k + r) % entries.length]!;
    const start = process.hrtime.bigint();
    for (let i = 0; i < PER_ROUND; i++) verifySignature(body, h, SECRET);
    samples[name]!.push(Number(process.hrtime.bigint() - start) / PER_ROUND);
  }
}
for (const [name, list] of Object.entries(samples)) {
  list.sort((a, b) => a - b);
  medians[name] = list[Math.floor(list.length / 2)]!;
}
const baseline = medians['correct']!;
console.log(`verifySignature timing, median ns per call over ${ROUNDS} rounds × ${PER_ROUND} (node ${process.version})`);
for (const [name, ns] of Object.entries(medians)) {
  console.log(`  ${name.padEnd(24)} ${ns.toFixed(0).padStart(7)} ns  (${((ns / baseline) * 100).toFixed(0)}% of correct)`);
}
