/**
 * `parley nlu eval --train <csv> --test <csv> [--oos <csv>] [--json] [--baseline nlpjs] [--threshold <0-1>] [--no-vectors]`
 * Trains Parley's understanding tiers on one labelled CSV, measures them on another, and
 * optionally NLP.js on the same data in the same run, side by side. The configuration is
 * chosen by the runtime's own function (word vectors unless turned off), and printed.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  CsvFormatError,
  evaluate,
  formatTable,
  nlpjsSystem,
  parleySystem,
  parseLabelledCsv,
  type EvaluationResult,
  type LabelledUtterance,
} from '@parley/nlu/eval';
import { vectorsSwitch } from '../../understanders';

export interface NluCommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** PARLEY_NLU_VECTORS=0 turns the vectors off here as it does in the runtime. */
  env?: Record<string, string | undefined>;
}

const USAGE = `Usage: parley nlu eval --train <csv> --test <csv> [--oos <csv>] [--json] [--baseline nlpjs] [--threshold <0-1>] [--no-vectors]

  --train <csv>      labelled training utterances, header "text,intent"
  --test <csv>       labelled test utterances, header "text,intent"
  --oos <csv>        out-of-scope utterances (header "text"): reports how many are declined
  --json             print the results as JSON instead of a table
  --baseline nlpjs   also train and measure NLP.js on the same data, side by side
  --threshold <x>    classifier confidence needed to accept an answer (default 0.6)
  --no-vectors       measure without the pretrained word vectors (the runtime uses them
                     unless PARLEY_NLU_VECTORS=0), to compare

Parley is measured in the configuration the runtime runs; the output names it.
`;

class UsageError extends Error {}

async function readCsv(path: string, requireIntent = true): Promise<LabelledUtterance[]> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseLabelledCsv(content, path, { requireIntent });
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        train: { type: 'string' },
        test: { type: 'string' },
        oos: { type: 'string' },
        json: { type: 'boolean' },
        baseline: { type: 'string' },
        threshold: { type: 'string' },
        'no-vectors': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function runEval(argv: string[], io: NluCommandIo): Promise<number> {
  const { values } = parse(argv);
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (!values.train || !values.test) throw new UsageError('--train and --test are required');
  if (values.baseline !== undefined && values.baseline !== 'nlpjs')
    throw new UsageError(`unknown baseline "${values.baseline}" (supported: nlpjs)`);
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1))
    throw new UsageError(`--threshold must be a number from 0 to 1, got "${values.threshold}"`);

  const [train, test, oos] = await Promise.all([
    readCsv(values.train),
    readCsv(values.test),
    values.oos ? readCsv(values.oos, false) : Promise.resolve(undefined),
  ]);
  // The runtime's function, not a copy of its rule: what is measured is what runs live.
  const { understandingConfiguration } = await import('@parley/nlu/vectors');
  const { encoder, description } = understandingConfiguration({
    disabled: values['no-vectors'] === true,
    ...(await vectorsSwitch(io.env ?? {})),
  });
  const configuration = `${description}, as the runtime runs it${encoder ? '' : ' when PARLEY_NLU_VECTORS=0'}`;
  const systems = [
    parleySystem({ ...(threshold === undefined ? {} : { thresholds: { classifier: threshold } }), ...(encoder ? { encoder } : {}) }),
  ];
  if (values.baseline === 'nlpjs') systems.push(nlpjsSystem());
  const results: EvaluationResult[] = [];
  for (const system of systems) results.push(await evaluate(system, train, test, oos));

  if (values.json) {
    io.stdout(`${JSON.stringify({ configuration, train: values.train, test: values.test, oos: values.oos ?? null, results }, null, 2)}\n`);
  } else {
    const intents = new Set(train.map((r) => r.intent)).size;
    io.stdout(`configuration: ${configuration}\n`);
    io.stdout(
      `train ${values.train}: ${train.length} utterances, ${intents} intents; test ${values.test}: ${test.length}${oos ? `; out of scope ${values.oos}: ${oos.length}` : ''}\n\n`,
    );
    io.stdout(`${formatTable(results)}\n`);
    const [parley, baseline] = results;
    if (parley && baseline) {
      io.stdout(
        `\naccuracy difference: ${((parley.accuracy - baseline.accuracy) * 100).toFixed(2)} points; latency p95 ratio ${(parley.latencyMs.p95 / Math.max(baseline.latencyMs.p95, 1e-9)).toFixed(2)}×\n`,
      );
    }
  }
  return 0;
}

/** Entry point for `parley nlu …`; returns the exit code (0 ok, 1 failed, 2 usage error). */
export async function runNluCommand(argv: string[], io: NluCommandIo): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === 'eval') return await runEval(rest, io);
    if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
      io.stdout(USAGE);
      return sub === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown nlu command "${sub}" (available: eval)`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`parley nlu: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof CsvFormatError) {
      io.stderr(`parley nlu: ${error.message}\n`);
      return 1;
    }
    io.stderr(`parley nlu: ${(error as Error).message}\n`);
    return 1;
  }
}
