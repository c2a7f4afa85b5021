// Start-up and run time of the `parley` command, spawned like a user runs it.
// Prints medians, with bare `node -e 0` measured in the same run as the baseline.
// Run: node packages/cli/bench/startup.bench.mjs [runs]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'packages/cli/bin/parley.mjs');
const runs = Number(process.argv[2] ?? 7);

const cases = [
  ['node -e 0 (baseline)', ['-e', '0']],
  ['parley --help', [bin, '--help']],
  ['parley validate flows', [bin, 'validate', 'flows']],
  ['parley test flows', [bin, 'test', 'flows']],
  ['parley test flows --no-vectors', [bin, 'test', 'flows', '--no-vectors']],
  ['parley compile (support-faq)', [bin, 'compile', '--stats', 'flows/support-faq.flow.json']],
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const rows = [];
let baseline = 0;
for (const [label, args] of cases) {
  spawnSync(process.execPath, args, { cwd: root }); // warm the tsx transform cache
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    times.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`${label} exited ${result.status}: ${result.stderr}`);
  }
  const ms = median(times);
  if (!baseline) baseline = ms;
  rows.push({
    command: label,
    'median ms': Math.round(ms),
    'min ms': Math.round(Math.min(...times)),
    'vs node': `${(ms / baseline).toFixed(1)}×`,
  });
}
console.log(`${runs} runs each, ${new Date().toISOString()}`);
console.table(rows);
