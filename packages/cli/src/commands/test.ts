/** `parley test [paths…]`: runs transcript tests and prints a diff for each failure. */
import { formatDiff } from '@parley/flow';
import { parseCommandArgs, stringOption } from '../args';
import { collectFiles } from '../files';
import { EXIT_FAILED, EXIT_OK, painter, type Io } from '../io';
import { loadTestFile, runLoadedTest, TEST_SUFFIX } from '../suite';

export const TEST_HELP = `Usage: parley test [paths…] [options]

Runs the transcript tests in <id>.test.json files (default: the flows/ folder).
A path may be a test file, a flow file (its sibling test file runs) or a folder.

Options:
  -f, --filter <text>  only tests whose name contains <text>
  -v, --verbose        print the transcript of passing tests too
  -h, --help           show this help

Exit code 0 when every test passes, 1 when any fails or a file cannot run, 2 on usage errors.
`;

export async function runTest(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('test', argv, {
    filter: { type: 'string', short: 'f' },
    verbose: { type: 'boolean', short: 'v' },
  });
  if (args.values.help) {
    io.stdout(TEST_HELP);
    return EXIT_OK;
  }
  const paint = painter(io.color);
  const filter = stringOption(args, 'filter');
  const inputs = (args.positionals.length ? args.positionals : ['flows']).map((p) => p.replace(/\.flow\.json$/, TEST_SUFFIX));
  const files = collectFiles(inputs, TEST_SUFFIX, io.cwd);
  let passed = 0;
  let failed = 0;
  let brokenFiles = 0;
  const started = performance.now();
  for (const path of files) {
    const file = loadTestFile(path, io.cwd);
    if (file.errors.length) {
      brokenFiles++;
      io.stdout(`${paint('red', '✗')} ${file.display}\n${file.errors.map((e) => `    ${e}`).join('\n')}\n`);
      continue;
    }
    const tests = filter ? file.tests.filter((t) => t.name.includes(filter)) : file.tests;
    if (tests.length === 0) continue;
    io.stdout(`${paint('bold', file.display)}\n`);
    for (const test of tests) {
      const result = runLoadedTest(file, test);
      if (result.passed) {
        passed++;
        io.stdout(`  ${paint('green', '✓')} ${result.name}\n`);
        if (args.values.verbose) io.stdout(result.actual.map((line) => `      ${paint('dim', line)}\n`).join(''));
        continue;
      }
      failed++;
      io.stdout(`  ${paint('red', '✗')} ${result.name}\n`);
      io.stdout(result.failures.map((f) => `      ${f}\n`).join(''));
      io.stdout(indent(formatDiff(result.diff, { color: io.color }), '      ') + '\n');
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const broken = brokenFiles ? `, ${brokenFiles} file${brokenFiles === 1 ? '' : 's'} could not run` : '';
  const summary = `${passed} passed, ${failed} failed${broken} (${files.length} file${files.length === 1 ? '' : 's'}, ${seconds}s)`;
  io.stdout(`\n${failed || brokenFiles ? paint('red', summary) : paint('green', summary)}\n`);
  if (files.length === 0) io.stderr(`parley test: no *${TEST_SUFFIX} files in ${inputs.join(', ')}\n`);
  return failed || brokenFiles || files.length === 0 ? EXIT_FAILED : EXIT_OK;
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => prefix + line).join('\n');
}
