/**
 * Compares classifier variants on the 10-shot sets, the classifier alone (no other tiers):
 *   PARLEY_DATASETS=<dir> npx tsx packages/nlu/bench/classifier-variants.ts [--weights 0,0.5,1] [--sets hwu,b77] [--words 100000] [--options '{"softmax":{"epochs":20}}']
 * Prints in-scope accuracy and precision at 50/70/90 % coverage for each dense weight
 * (0 = n-grams only). Used to choose the options recorded in docs/nlu.md.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CLASSIFIER, IntentClassifier, type ClassifierOptions } from '../src/classifier/model';
import { loadWordVectors } from '../src/classifier/word-vectors-node';
import { computeMetrics, parseLabelledCsv, type ScoredPrediction } from '../src/eval/index';
import { flowIntentsFromRows } from '../src/eval/parley-system';
import { trainingExamples } from '../src/understand/training';

const { values } = parseArgs({
  options: {
    weights: { type: 'string' },
    sets: { type: 'string' },
    words: { type: 'string' },
    every: { type: 'string' },
    options: { type: 'string' },
  },
});
if (!process.env.PARLEY_DATASETS) {
  console.error('classifier-variants: set PARLEY_DATASETS to the folder holding banking77/, hwu64/ and fewshot/ (text,intent CSVs)');
  process.exit(2);
}
const datasets = resolve(process.env.PARLEY_DATASETS);
const load = (path: string) => parseLabelledCsv(readFileSync(join(datasets, path), 'utf8'), path);
const weights = (values.weights ?? '0,0.7').split(',').map(Number);
const every = Number(values.every ?? 1);
const overrides = JSON.parse(values.options ?? '{}') as Partial<ClassifierOptions>;
const options: ClassifierOptions = {
  ...DEFAULT_CLASSIFIER,
  ...overrides,
  softmax: { ...DEFAULT_CLASSIFIER.softmax, ...overrides.softmax },
};
const sets = {
  b77: ['fewshot/BANKING77/train_10.csv', 'banking77/test.csv'],
  hwu: ['fewshot/HWU64/train_10.csv', 'hwu64/test.csv'],
  b77full: ['banking77/train.csv', 'banking77/test.csv'],
} as const;
const loadStart = performance.now();
const vectors = weights.some((w) => w > 0) ? loadWordVectors({ maxWords: Number(values.words ?? 100_000) }) : undefined;
if (vectors) console.log(`vectors ${vectors.id} loaded in ${(performance.now() - loadStart).toFixed(0)} ms`);
const pct = (x: number) => (x * 100).toFixed(2);

for (const name of (values.sets ?? 'hwu,b77').split(',') as Array<keyof typeof sets>) {
  const [trainPath, testPath] = sets[name];
  const examples = trainingExamples(flowIntentsFromRows(load(trainPath)));
  const test = load(testPath).filter((_, i) => i % every === 0);
  for (const weight of weights) {
    const started = performance.now();
    const classifier = IntentClassifier.train(examples, { ...options, denseWeight: weight }, weight > 0 ? vectors : undefined);
    const trainMs = performance.now() - started;
    const predictions: ScoredPrediction[] = test.map((row) => {
      const r = classifier.predict(row.text);
      const best = r.ranked[0]?.intent ?? null;
      return { expected: row.intent, best, accepted: r.confidence >= 0.6 ? best : null, confidence: r.confidence };
    });
    const m = computeMetrics(predictions);
    console.log(
      `${name} weight ${weight}: acc ${pct(m.accuracy)} prec@50/70/90 ${pct(m.precisionAtCoverage['50'])}/${pct(m.precisionAtCoverage['70'])}/${pct(m.precisionAtCoverage['90'])} accepted ${pct(m.acceptedShare)} (${pct(m.acceptedPrecision)}) train ${trainMs.toFixed(0)} ms`,
    );
  }
}
