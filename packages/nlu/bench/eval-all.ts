/**
 * Every accuracy and speed target of the understanding tiers, measured in one run against
 * NLP.js as the baseline:
 *   npx tsx packages/nlu/bench/eval-all.ts --datasets <dir> [--quick] [--ngrams-only]
 * --quick skips full-data Banking77 (the slow one); --ngrams-only leaves out the pretrained
 * word vectors (the configuration of a browser, which never loads them). The data sets
 * (banking77/, hwu64/, snips/, fewshot/ with text,intent CSVs) live outside the repository:
 * --datasets <dir> or $PARLEY_DATASETS names them; they are read, never copied.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CLASSIFIER, IntentClassifier } from '../src/classifier/model';
import { loadWordVectors } from '../src/classifier/word-vectors-node';
import {
  evaluate,
  formatTable,
  nlpjsSystem,
  parleySystem,
  parseLabelledCsv,
  percentile,
  type EvaluationResult,
  type LabelledUtterance,
} from '../src/eval/index';
import { flowIntentsFromRows } from '../src/eval/parley-system';
import { trainingExamples } from '../src/understand/training';
import { createUnderstander } from '../src/understand/understander';

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, 'ngrams-only': { type: 'boolean' }, datasets: { type: 'string' } } });
const given = values.datasets ?? process.env.PARLEY_DATASETS;
if (!given) {
  console.error(
    'eval-all: where are the data sets? Pass --datasets <dir> or set PARLEY_DATASETS (a folder with banking77/, hwu64/, snips/, fewshot/)',
  );
  process.exit(2);
}
const datasets = resolve(given);
if (!existsSync(join(datasets, 'banking77/test.csv'))) {
  console.error(
    `eval-all: ${join(datasets, 'banking77/test.csv')} not found (--datasets / PARLEY_DATASETS must name the folder holding banking77/, hwu64/, snips/, fewshot/)`,
  );
  process.exit(2);
}
const load = (path: string) => parseLabelledCsv(readFileSync(join(datasets, path), 'utf8'), path);
/** CPU time of this process in ms: on a shared, loaded machine wall time also counts the other processes' turns. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const verdicts: Array<[string, string, boolean]> = [];
const check = (target: string, measured: string, ok: boolean) => verdicts.push([target, measured, ok]);

async function compare(
  title: string,
  train: LabelledUtterance[],
  test: LabelledUtterance[],
  withBaseline = true,
): Promise<EvaluationResult[]> {
  const results = [await evaluate(parley(), train, test)];
  if (withBaseline) results.push(await evaluate(nlpjsSystem(), train, test));
  console.log(`\n## ${title} — train ${train.length}, test ${test.length}, ${new Set(train.map((r) => r.intent)).size} intents\n`);
  console.log(formatTable(results));
  return results;
}

console.log(`# Parley NLU evaluation (${new Date().toISOString()}, node ${process.version})`);
const vectorsStarted = [performance.now(), cpuMs()] as const;
const encoder = values['ngrams-only'] ? undefined : loadWordVectors();
console.log(
  encoder
    ? `word vectors ${encoder.id} loaded once per process in ${(performance.now() - vectorsStarted[0]).toFixed(0)} ms wall, ${(cpuMs() - vectorsStarted[1]).toFixed(0)} ms CPU`
    : 'n-gram features only (no word vectors)',
);
const parley = () => parleySystem(encoder ? { encoder } : {});

for (const [name, dir] of [
  ['Banking77', 'BANKING77'],
  ['HWU64', 'HWU64'],
] as const) {
  const [parley, nlpjs] = await compare(`${name} 10-shot`, load(`fewshot/${dir}/train_10.csv`), load(`${name.toLowerCase()}/test.csv`));
  if (parley && nlpjs) {
    const gain = (parley.accuracy - nlpjs.accuracy) * 100;
    check(
      `${name} 10-shot accuracy ≥ NLP.js + 8 points`,
      `${pct(parley.accuracy)} vs ${pct(nlpjs.accuracy)} (${gain >= 0 ? '+' : ''}${gain.toFixed(2)})`,
      gain >= 8,
    );
    check(
      `${name} 10-shot precision @ 70 % coverage ≥ 92 %`,
      pct(parley.precisionAtCoverage['70']),
      parley.precisionAtCoverage['70'] >= 0.92,
    );
  }
}

// Out of scope: a banking assistant asked SNIPS questions (weather, music, restaurants…) should decline them.
{
  const oos = await evaluate(parley(), load('fewshot/BANKING77/train_10.csv'), load('banking77/test.csv'), load('snips/test.csv'));
  console.log(`\n## Out of scope — Banking77 10-shot model, SNIPS test utterances as out-of-scope traffic\n`);
  console.log(
    `declined ${pct(oos.oosRecall ?? 0)} of ${oos.oosCount} out-of-scope utterances at the default threshold, while accepting ${pct(oos.acceptedShare)} of in-scope ones (precision ${pct(oos.acceptedPrecision)})`,
  );
}

if (!values.quick) {
  const [full] = await compare('Banking77 full training set', load('banking77/train.csv'), load('banking77/test.csv'), false);
  if (full) check('Banking77 full-data accuracy ≥ 90 %', pct(full.accuracy), full.accuracy >= 0.9);
}

// ~150 intents: the three sets side by side (names prefixed so they stay distinct), 10 examples each.
const tenPerIntent = (rows: LabelledUtterance[]) => {
  const seen = new Map<string, number>();
  return rows.filter((r) => {
    const n = seen.get(r.intent) ?? 0;
    seen.set(r.intent, n + 1);
    return n < 10;
  });
};
const prefixed = (prefix: string, rows: LabelledUtterance[]) => rows.map((r) => ({ text: r.text, intent: `${prefix}.${r.intent}` }));
const bigTrain = [
  ...prefixed('bank', load('fewshot/BANKING77/train_10.csv')),
  ...prefixed('hwu', load('fewshot/HWU64/train_10.csv')),
  ...prefixed('snips', tenPerIntent(load('snips/train.csv'))),
];
const bigTest = [...load('banking77/test.csv'), ...load('hwu64/test.csv'), ...load('snips/test.csv')].filter((_, i) => i % 2 === 0);
const intentCount = new Set(bigTrain.map((r) => r.intent)).size;
console.log(`\n## Speed with ${intentCount} intents, ${bigTrain.length} training examples\n`);

const examples = trainingExamples(flowIntentsFromRows(bigTrain));
const trainRuns: number[] = [];
const trainCpu: number[] = [];
for (let run = 0; run < 3; run++) {
  const [t, c] = [performance.now(), cpuMs()];
  IntentClassifier.train(examples, DEFAULT_CLASSIFIER, encoder);
  trainRuns.push(performance.now() - t);
  trainCpu.push(cpuMs() - c);
}
const baselineRuns: number[] = [];
const baselineCpu: number[] = [];
for (let run = 0; run < 3; run++) {
  const nlp = nlpjsSystem();
  const [t, c] = [performance.now(), cpuMs()];
  await nlp.train(bigTrain);
  baselineRuns.push(performance.now() - t);
  baselineCpu.push(cpuMs() - c);
}
console.log(
  `training (median of 3), wall: Parley ${median(trainRuns).toFixed(0)} ms, NLP.js ${median(baselineRuns).toFixed(0)} ms (ratio ${(median(trainRuns) / median(baselineRuns)).toFixed(2)}×)`,
);
console.log(
  `training (median of 3), CPU:  Parley ${median(trainCpu).toFixed(0)} ms, NLP.js ${median(baselineCpu).toFixed(0)} ms (ratio ${(median(trainCpu) / median(baselineCpu)).toFixed(2)}×)`,
);
check(
  `training on ${bigTrain.length} examples ≤ 5 s`,
  `${median(trainRuns).toFixed(0)} ms wall, ${median(trainCpu).toFixed(0)} ms CPU`,
  median(trainRuns) <= 5000,
);

const understander = createUnderstander({
  flow: { id: 'bench', languages: ['en'], intents: flowIntentsFromRows(bigTrain) },
  ...(encoder ? { encoder } : {}),
});
for (const row of bigTest.slice(0, 200)) understander.understand({ kind: 'text', text: row.text }); // warm-up
// Each call is timed twice: wall clock (what a caller waits, including other processes' turns on a
// shared machine) and this process's CPU time (the work the call itself does).
const latencies: number[] = [];
const cpuLatencies: number[] = [];
/** Per call, the smaller of wall and CPU time: see the event-loop block below. */
const mainThreadLatencies: number[] = [];
const baselineLatencies: number[] = [];
const baselineCpuLatencies: number[] = [];
for (const row of bigTest) {
  const [t, c] = [performance.now(), process.cpuUsage()];
  understander.understand({ kind: 'text', text: row.text });
  latencies.push(performance.now() - t);
  const used = process.cpuUsage(c);
  cpuLatencies.push((used.user + used.system) / 1000);
  mainThreadLatencies.push(Math.min(latencies.at(-1) as number, cpuLatencies.at(-1) as number));
}
// Longest synchronous stretch: every understand() call blocks the event loop for exactly its duration.
// Each hostile input runs once, as it would arrive: the code paths it takes (entity-packed text, many
// phone numbers) are cold after ordinary traffic.
const hostile = [
  'x'.repeat(100_000),
  'where is my card '.repeat(6000),
  '\u0000\uFFFD'.repeat(50_000),
  '🎉'.repeat(20_000),
  'مرحبا hello नमस्ते 你好 '.repeat(2000),
  '1,234.56 $5 ana@example.com +1 415 555 2671 tomorrow 3pm '.repeat(500),
  'call +44 20 7946 0958, +49 30 901820, +33 1 42 68 53 00, +81 3-3224-9999 or +91 98765 43210 '.repeat(300),
];
const blocks = hostile.map((text) => {
  const [t, c] = [performance.now(), process.cpuUsage()];
  understander.understand({ kind: 'text', text });
  const used = process.cpuUsage(c);
  return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000 };
});
// NLP.js is trained only now, so that its garbage is not collected during Parley's calls.
const nlp = nlpjsSystem();
await nlp.train(bigTrain);
for (const row of bigTest) {
  const [t, c] = [performance.now(), process.cpuUsage()];
  await nlp.predict(row.text);
  baselineLatencies.push(performance.now() - t);
  const used = process.cpuUsage(c);
  baselineCpuLatencies.push((used.user + used.system) / 1000);
}
for (const xs of [latencies, cpuLatencies, baselineLatencies, baselineCpuLatencies]) xs.sort((a, b) => a - b);
const p = (xs: number[], q: number) => percentile(xs, q).toFixed(3);
console.log(`understand() per utterance over ${bigTest.length} (full tiers 1-3 with entities, language, sentiment):`);
console.log(
  `  Parley wall p50 ${p(latencies, 50)} ms, p95 ${p(latencies, 95)} ms, max ${p(latencies, 100)} ms; CPU p50 ${p(cpuLatencies, 50)} ms, p95 ${p(cpuLatencies, 95)} ms, max ${p(cpuLatencies, 100)} ms`,
);
console.log(
  `  NLP.js process() wall p50 ${p(baselineLatencies, 50)} ms, p95 ${p(baselineLatencies, 95)} ms; CPU p50 ${p(baselineCpuLatencies, 50)} ms, p95 ${p(baselineCpuLatencies, 95)} ms (CPU p95 ratio ${(percentile(cpuLatencies, 95) / percentile(baselineCpuLatencies, 95)).toFixed(2)}×)`,
);
check(
  `p95 ≤ 1 ms per utterance with ${intentCount} intents`,
  `${p(latencies, 95)} ms wall, ${p(cpuLatencies, 95)} ms CPU`,
  percentile(latencies, 95) <= 1,
);

// Neither clock alone is the time the main thread was busy: wall time also counts other processes'
// turns on a shared machine, and process CPU time also counts V8's background compiler and GC threads
// (calls of 0.2 ms wall were charged 4 ms of CPU). Each over-counts, so the smaller of the two is the
// closest bound this Node version offers (it has no per-thread CPU clock).
const mainThread = [...mainThreadLatencies, ...blocks.map((b) => Math.min(b.wall, b.cpu))];
const worstWall = Math.max(latencies.at(-1) ?? 0, ...blocks.map((b) => b.wall));
const worstCpu = Math.max(cpuLatencies.at(-1) ?? 0, ...blocks.map((b) => b.cpu));
const worstMain = Math.max(...mainThread);
console.log(
  `longest single call (event-loop block), incl. 100 KB / junk / mixed-script / entity-packed inputs: main thread ≤ ${worstMain.toFixed(2)} ms (min of wall and CPU per call); wall ${worstWall.toFixed(2)} ms, CPU ${worstCpu.toFixed(2)} ms`,
);
console.log(`  hostile inputs (wall/CPU ms): ${blocks.map((b) => `${b.wall.toFixed(2)}/${b.cpu.toFixed(2)}`).join(', ')}`);
check(
  'tiers 1-3 never block the event loop > 5 ms',
  `${worstMain.toFixed(2)} ms (min of wall and CPU per call; max wall ${worstWall.toFixed(2)}, max CPU ${worstCpu.toFixed(2)})`,
  worstMain <= 5,
);

console.log('\n## Targets\n');
console.log('| target | measured | met |\n|---|---|---|');
for (const [target, measured, ok] of verdicts) console.log(`| ${target} | ${measured} | ${ok ? 'yes' : 'NO'} |`);
