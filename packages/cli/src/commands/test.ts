/** `parley test [paths…]`: runs transcript tests and prints a diff for each failure. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { flowCoverage, formatDiff, type FlowCoverage, type TestResult } from '@parley/flow';
import { parseCommandArgs, stringOption } from '../args';
import { UsageError } from '../errors';
import { collectFiles } from '../files';
import { EXIT_FAILED, EXIT_OK, painter, type Io } from '../io';
import { loadTestFile, runLoadedTest, TEST_SUFFIX } from '../suite';
import { understandingOptions } from '../understanders';

export const TEST_HELP = `Usage: parley test [paths…] [options]

Runs the transcript tests in <id>.test.json files (default: the flows/ folder).
A path may be a test file, a flow file (its sibling test file runs) or a folder.
Template nodes render with the templates/ folder next to the flows folder: a template the
lock (or the test's "templates" overrides) says is not approved is refused, as in production.

Options:
  -f, --filter <text>  only tests whose name contains <text>
  -v, --verbose        print the transcript of passing tests too
      --json           print the results as JSON (for CI and editors)
      --coverage       list the nodes and exits of each flow that no test reaches
      --templates <dir>  the templates folder (default: templates/ next to the flows folder, when it exists)
      --tenant <id>    whose statuses in templates.lock.json count (default: the lock's first tenant)
      --no-vectors     understand without the pretrained word vectors the runtime uses
                       (faster start; also PARLEY_NLU_VECTORS=0)
  -h, --help           show this help

Exit code 0 when every test passes, 1 when any fails or a file cannot run, 2 on usage errors.
`;

interface FileReport {
  file: string;
  errors: string[];
  tests: Array<{ name: string; passed: boolean; failures: string[]; diff: string }>;
  coverage?: FlowCoverage;
}

export async function runTest(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('test', argv, {
    filter: { type: 'string', short: 'f' },
    verbose: { type: 'boolean', short: 'v' },
    json: { type: 'boolean' },
    coverage: { type: 'boolean' },
    'no-vectors': { type: 'boolean' },
    templates: { type: 'string' },
    tenant: { type: 'string' },
  });
  if (args.values.help) {
    io.stdout(TEST_HELP);
    return EXIT_OK;
  }
  const paint = painter(io.color && !args.values.json);
  const filter = stringOption(args, 'filter');
  const inputs = (args.positionals.length ? args.positionals : ['flows']).map((p) => siblingTestFile(p, io.cwd));
  const files = collectFiles(inputs, TEST_SUFFIX, io.cwd);
  // Text output streams as tests run; JSON is printed once at the end.
  const print = args.values.json ? () => undefined : io.stdout;
  const understanding = await understandingOptions(Boolean(args.values['no-vectors']), io.env);
  const templateSource = { dir: stringOption(args, 'templates'), tenant: stringOption(args, 'tenant') };
  const reports: FileReport[] = [];
  const started = performance.now();
  for (const path of files) {
    const file = loadTestFile(path, io.cwd, understanding, templateSource);
    const report: FileReport = { file: file.display, errors: file.errors, tests: [] };
    reports.push(report);
    if (file.errors.length) {
      print(`${paint('red', '✗')} ${file.display}\n${file.errors.map((e) => `    ${e}`).join('\n')}\n`);
      continue;
    }
    const tests = filter ? file.tests.filter((t) => t.name.includes(filter)) : file.tests;
    if (tests.length === 0) continue;
    print(`${paint('bold', file.display)}\n`);
    const results: TestResult[] = [];
    for (const test of tests) {
      const result = runLoadedTest(file, test);
      results.push(result);
      const diff = result.passed ? '' : formatDiff(result.diff, { color: io.color && !args.values.json });
      report.tests.push({ name: result.name, passed: result.passed, failures: result.failures, diff });
      if (result.passed) {
        print(`  ${paint('green', '✓')} ${result.name}\n`);
        if (args.values.verbose) print(result.actual.map((line) => `      ${paint('dim', line)}\n`).join(''));
        continue;
      }
      print(`  ${paint('red', '✗')} ${result.name}\n`);
      print(result.failures.map((f) => `      ${f}\n`).join(''));
      print(`${indent(diff, '      ')}\n`);
    }
    if (args.values.coverage && file.flow) {
      report.coverage = flowCoverage(file.flow, results);
      print(formatCoverage(report.coverage, paint));
    }
  }
  const passed = reports.reduce((n, r) => n + r.tests.filter((t) => t.passed).length, 0);
  const failed = reports.reduce((n, r) => n + r.tests.filter((t) => !t.passed).length, 0);
  const brokenFiles = reports.filter((r) => r.errors.length > 0).length;
  const seconds = (performance.now() - started) / 1000;
  if (args.values.json) {
    io.stdout(`${JSON.stringify({ passed, failed, brokenFiles, seconds: Number(seconds.toFixed(3)), files: reports }, null, 2)}\n`);
  } else {
    const broken = brokenFiles ? `, ${brokenFiles} file${brokenFiles === 1 ? '' : 's'} could not run` : '';
    const summary = `${passed} passed, ${failed} failed${broken} (${files.length} file${files.length === 1 ? '' : 's'}, ${seconds.toFixed(2)}s)`;
    io.stdout(`\n${failed || brokenFiles ? paint('red', summary) : paint('green', summary)}\n`);
  }
  if (files.length === 0) io.stderr(`parley test: no *${TEST_SUFFIX} files in ${inputs.join(', ')}\n`);
  const nothingRan = filter !== undefined && passed + failed === 0;
  if (nothingRan) io.stderr(`parley test: no test name contains "${filter}"\n`);
  return failed || brokenFiles || files.length === 0 || nothingRan ? EXIT_FAILED : EXIT_OK;
}

/** A flow file stands for its test file; say so when that does not exist. */
function siblingTestFile(path: string, cwd: string): string {
  if (!path.endsWith('.flow.json')) return path;
  const testPath = path.replace(/\.flow\.json$/, TEST_SUFFIX);
  if (!existsSync(resolve(cwd, testPath)))
    throw new UsageError(`${path} has no test file (expected ${testPath}); write one, or record it with parley chat … /save <name>`);
  return testPath;
}

function formatCoverage(coverage: FlowCoverage, paint: ReturnType<typeof painter>): string {
  const percent = (part: { covered: number; total: number }) => (part.total ? Math.round((part.covered / part.total) * 100) : 100);
  const line = `  coverage of ${coverage.flowId}: nodes ${coverage.nodes.covered}/${coverage.nodes.total} (${percent(coverage.nodes)}%), exits ${coverage.exits.covered}/${coverage.exits.total} (${percent(coverage.exits)}%)`;
  const missing = [
    ...(coverage.nodes.missing.length ? [`    never visited: ${coverage.nodes.missing.join(', ')}`] : []),
    ...(coverage.exits.missing.length ? [`    exits never taken: ${coverage.exits.missing.join(', ')}`] : []),
  ];
  return `${paint('cyan', line)}\n${missing.map((m) => `${paint('dim', m)}\n`).join('')}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
