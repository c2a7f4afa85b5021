/**
 * Transcript test files on disk: `<folder>/<id>.test.json` next to `<folder>/<id>.flow.json`.
 * Loading is separate from running so the vitest suite can register one test per transcript.
 */
import { dirname, join } from 'node:path';
import { lintFlowTests, parseFlowTests, runFlowTest, type Flow, type FlowTest, type RunOptions, type TestResult } from '@parley/flow';
import { CliError } from './errors';
import { displayPath, parseJsonText, readTextFile } from './files';
import { FLOW_SUFFIX, folderResolver, formatIssue, loadFlowFile, withSubflows } from './flows';
import { loadFlowTemplates, templatesFolderFor } from './flow-templates';
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

/** Where the templates for a test file come from: a folder (`--templates`) and the lock tenant; default: templates/ next to the flows folder. */
export interface TemplateSource {
  dir?: string;
  tenant?: string;
}

export function loadTestFile(
  path: string,
  cwd: string,
  understanding: UnderstandingOptions = {},
  templates: TemplateSource = {},
): LoadedTestFile {
  const display = displayPath(path, cwd);
  const failed = (errors: string[]): LoadedTestFile => ({ path, display, tests: [], errors, options: {} });
  let document: unknown;
  try {
    document = parseJsonText(readTextFile(path, display), display);
  } catch (error) {
    if (error instanceof CliError) return failed([error.message]);
    throw error;
  }
  return prepareTestFile(document, path, display, cwd, understanding, templates);
}

/** A parsed test document, checked against the schema, with its flow loaded from the folder of `path`. */
export function prepareTestFile(
  document: unknown,
  path: string,
  display: string,
  cwd: string,
  understanding: UnderstandingOptions = {},
  templateSource: TemplateSource = {},
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
    options: { understand: understandingFor(understanding), resolveFlow, ...templateGate(folder, cwd, templateSource) },
  };
}

/**
 * The gate factory for the tests of flows in `folder`, when there is a templates folder: templates
 * are then rendered and refused like production does (see flow-templates.ts). Without one they
 * are sent unchecked, as before templates were files.
 */
function templateGate(folder: string, cwd: string, source: TemplateSource): Pick<RunOptions, 'templates'> {
  const dir = templatesFolderFor(folder, cwd, source.dir);
  if (dir === undefined) return {};
  const templates = loadFlowTemplates(dir, cwd, source.tenant);
  return { templates: (overrides) => templates.gate(overrides) };
}

export function runLoadedTest(file: LoadedTestFile, test: FlowTest): TestResult {
  if (!file.flow) throw new Error(`${file.display} has no runnable flow`);
  return runFlowTest(file.flow, test, file.options);
}
