/**
 * Transcript test files on disk: `<folder>/<id>.test.json` next to `<folder>/<id>.flow.json`.
 * Loading is separate from running so the vitest suite can register one test per transcript.
 */
import { dirname, join } from 'node:path';
import { lintFlowTests, parseFlowTests, runFlowTest, type Flow, type FlowTest, type RunOptions, type TestResult } from '@parley/flow';
import { CliError } from './errors';
import { displayPath, parseJsonText, readTextFile } from './files';
import { FLOW_SUFFIX, folderResolver, formatIssue, loadFlowFile, withSubflows } from './flows';
import { understandingFor, type UnderstandingOptions } from './understanders';

export const TEST_SUFFIX = '.test.json';

export interface LoadedTestFile {
  path: string;
  display: string;
  flow?: Flow;
  tests: FlowTest[];
  /** Why the file cannot run at all (bad JSON, schema violations, a broken flow). */
  errors: string[];
  options: RunOptions;
}

export function loadTestFile(path: string, cwd: string, understanding: UnderstandingOptions = {}): LoadedTestFile {
  const display = displayPath(path, cwd);
  const failed = (errors: string[]): LoadedTestFile => ({ path, display, tests: [], errors, options: {} });
  let document: unknown;
  try {
    document = parseJsonText(readTextFile(path, display), display);
  } catch (error) {
    if (error instanceof CliError) return failed([error.message]);
    throw error;
  }
  return prepareTestFile(document, path, display, cwd, understanding);
}

/** A parsed test document, checked against the schema, with its flow loaded from the folder of `path`. */
export function prepareTestFile(
  document: unknown,
  path: string,
  display: string,
  cwd: string,
  understanding: UnderstandingOptions = {},
): LoadedTestFile {
  const failed = (errors: string[]): LoadedTestFile => ({ path, display, tests: [], errors, options: {} });
  const parsed = parseFlowTests(document);
  if (!parsed.ok) return failed(parsed.issues.map((issue) => `${display}:${issue.path} ${issue.message}`));
  if (!/^[\w.-]+$/.test(parsed.file.flow)) return failed([`${display}:/flow "${parsed.file.flow}" is not a flow id`]);
  const folder = dirname(path);
  const loaded = loadFlowFile(join(folder, `${parsed.file.flow}${FLOW_SUFFIX}`), cwd);
  if (!loaded.flow) {
    const errors = loaded.issues.filter((i) => i.severity === 'error').map((i) => formatIssue(loaded.display, i));
    return failed([`${display}: the flow under test cannot run:`, ...errors]);
  }
  const resolveFlow = folderResolver(folder, cwd, [loaded.flow]);
  // Typos in ids are reported where they are written, before any transcript runs.
  const lintErrors = lintFlowTests(parsed.file, withSubflows(loaded.flow, resolveFlow)).filter((issue) => issue.severity === 'error');
  if (lintErrors.length) return failed(lintErrors.map((issue) => `${display}:${issue.path} ${issue.message}`));
  return {
    path,
    display,
    flow: loaded.flow,
    tests: parsed.file.tests,
    errors: [],
    options: { understand: understandingFor(understanding), resolveFlow },
  };
}

export function runLoadedTest(file: LoadedTestFile, test: FlowTest): TestResult {
  if (!file.flow) throw new Error(`${file.display} has no runnable flow`);
  return runFlowTest(file.flow, test, file.options);
}
