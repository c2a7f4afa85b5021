/**
 * What @parley/channels adds to the webhook path: signature check and
 * normalization, measured against JSON.parse of the same bytes (the floor any
 * ingress pays) in the same run. Prints medians of several rounds.
 *
 *   npx tsx packages/channels/src/bench/ingress-cost.ts
 */
import { computeSignature, parseWebhook, verifySignature } from '../index';
import { buildSignedWebhook } from '../../../../test/fake-graph/sign';
import { wa, waBatch, waInbound } from '../../../../test/fake-graph/payloads';

const SECRET = 'bench-secret';
const ROUNDS = 7;
const ROUND_MS = 300;

function opsPerSecond(fn: () => void): number {
  // Warm up, then count iterations in a fixed window.
  for (let i = 0; i < 2000; i++) fn();
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let n = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ROUND_MS) {
      for (let i = 0; i < 100; i++) fn();
      n += 100;
      now = performance.now();
    }
    samples.push((n * 1000) / (now - start));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const cases = {
  'one text message': waInbound('16505551234', wa.text('Hola, ¿tienen envío a Málaga? 👍')),
  'batch of 50 mixed messages': waBatch(
    Array.from({ length: 50 }, (_, i) =>
      waInbound(
        String(16505550000 + i),
        [wa.text('hi'), wa.buttonReply('b', 'Yes'), wa.image({ caption: 'c' }), wa.location(1, 2)][i % 4]!,
      ),
    ),
  ),
};

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(10);
console.log(`ingress cost per webhook (median of ${ROUNDS} × ${ROUND_MS} ms, node ${process.version})`);
for (const [name, payload] of Object.entries(cases)) {
  const { body, signature } = buildSignedWebhook(payload, SECRET);
  if (!verifySignature(body, signature, SECRET) || computeSignature(body, SECRET) !== signature)
    throw new Error('bench setup: signature mismatch');
  const baseline = opsPerSecond(() => JSON.parse(body.toString('utf8')));
  const verify = opsPerSecond(() => verifySignature(body, signature, SECRET));
  const full = opsPerSecond(() => {
    if (!verifySignature(body, signature, SECRET)) throw new Error('bad signature');
    const result = parseWebhook(JSON.parse(body.toString('utf8')));
    if (result.errors.length > 0) throw new Error('parse errors');
  });
  console.log(`\n${name} (${body.length} bytes)`);
  console.log(`  baseline JSON.parse          ${fmt(baseline)} ops/s`);
  console.log(`  verifySignature              ${fmt(verify)} ops/s`);
  console.log(
    `  verify + JSON.parse + parse  ${fmt(full)} ops/s  (${((full / baseline) * 100).toFixed(0)}% of baseline; ${(1e6 / full).toFixed(1)} µs each)`,
  );
}
