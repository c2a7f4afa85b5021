/**
 * `parley validate [paths…]`: checks flow files, and with them their layout and test files.
 * Prints one line per issue: `file:/json/pointer [nodeId] severity message`.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IssueSeverity } from '@parley/contract';
import { lintFlowTests, parseFlowTests, validateLayout, type Flow } from '@parley/flow';
import { parseCommandArgs, stringOption } from '../args';
import { loadFlowTemplates, templatesFolderFor, type FlowTemplates } from '../flow-templates';
import { CliError } from '../errors';
import { collectFiles, displayPath, parseJsonText, readTextFile } from '../files';
import { FLOW_SUFFIX, folderResolver, formatIssue, loadFlowFile, withSubflows } from '../flows';
import { EXIT_FAILED, EXIT_OK, painter, type Io } from '../io';

export const VALIDATE_HELP = `Usage: parley validate [paths…] [options]

Checks flow files: JSON syntax, the flow schema, references between nodes, variables and
intents, unreachable nodes, loops without a wait, risky regexes and WhatsApp limits.
With each <id>.flow.json it also checks <id>.layout.json (a position for every node) and
<id>.test.json (the test file schema). Paths are files or folders (default: flows/).
Template nodes are checked against the templates in the templates/ folder next to the
flows folder and its lock file: the template and language exist and are approved, every
parameter has a value of the right type, quick replies are handled, a refusal has a path.

Each issue is printed as:  file:/json/pointer [nodeId] severity message

Options:
  --templates <dir>  the templates folder (default: templates/ next to the flows folder, when it exists)
  --tenant <id>      whose statuses in templates.lock.json count (default: the lock's first tenant)
  --quiet       print errors only, not warnings
  --json        print { files, errors, warnings, issues: [{ file, severity, path, nodeId, code, message }] }
  -h, --help    show this help

Exit code 0 when there are no errors (warnings allowed), 1 on errors, 2 on usage errors.
`;

interface Tally {
  files: number;
  errors: number;
  warnings: number;
}

/** One finding in any of the files, as printed or as JSON. */
interface FileIssue {
  file: string;
  severity: IssueSeverity;
  path: string;
  nodeId?: string;
  code?: string;
  message: string;
  line?: number;
  column?: number;
}

export async function runValidate(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('validate', argv, {
    quiet: { type: 'boolean' },
    json: { type: 'boolean' },
    templates: { type: 'string' },
    tenant: { type: 'string' },
  });
  if (args.values.help) {
    io.stdout(VALIDATE_HELP);
    return EXIT_OK;
  }
  const paint = painter(io.color);
  const quiet = Boolean(args.values.quiet);
  const inputs = args.positionals.length ? args.positionals : ['flows'];
  const files = collectFiles(inputs, FLOW_SUFFIX, io.cwd);
  if (files.length === 0) throw new CliError(`parley validate: no *${FLOW_SUFFIX} files in ${inputs.join(', ')}`);
  const tally: Tally = { files: 0, errors: 0, warnings: 0 };
  const found: FileIssue[] = [];
  const report: Report = (file, issue) => {
    if (issue.severity === 'error') tally.errors++;
    else tally.warnings++;
    // The validator prefixes JSON syntax errors with "line:column: "; they have their own fields here.
    found.push({ file, ...issue, message: issue.line !== undefined ? issue.message.replace(/^\d+:\d+: /, '') : issue.message });
    if (args.values.json || (issue.severity === 'warning' && quiet)) return;
    const line = formatIssue(file, issue);
    io.stdout(`${issue.severity === 'error' ? paint('red', line) : paint('yellow', line)}\n`);
  };
  const templatesOf = templatesLoader(stringOption(args, 'templates'), stringOption(args, 'tenant'), io, report);
  for (const path of files) {
    tally.files++;
    const loaded = loadFlowFile(path, io.cwd, templatesOf(dirname(path)));
    for (const issue of loaded.issues) report(loaded.display, issue);
    const base = path.endsWith(FLOW_SUFFIX) ? path.slice(0, -FLOW_SUFFIX.length) : undefined;
    if (base === undefined) continue;
    if (loaded.flow) checkLayout(`${base}.layout.json`, loaded.flow, io, report);
    checkTests(`${base}.test.json`, loaded.flow, io, report);
  }
  if (args.values.json) {
    io.stdout(`${JSON.stringify({ ...tally, issues: quiet ? found.filter((i) => i.severity === 'error') : found }, null, 2)}\n`);
    return tally.errors ? EXIT_FAILED : EXIT_OK;
  }
  const summary = `${tally.files} flow${tally.files === 1 ? '' : 's'} checked: ${tally.errors} error${tally.errors === 1 ? '' : 's'}, ${tally.warnings} warning${tally.warnings === 1 ? '' : 's'}`;
  io.stdout(`${tally.errors ? paint('red', summary) : paint('green', summary)}\n`);
  return tally.errors ? EXIT_FAILED : EXIT_OK;
}

type Report = (file: string, issue: Omit<FileIssue, 'file'>) => void;

/**
 * The templates for flows in a folder, loaded once per templates folder; the errors of its
 * broken template files and its lock are reported once (they change what the flows are checked against).
 */
function templatesLoader(explicit: string | undefined, tenant: string | undefined, io: Io, report: Report) {
  const loaded = new Map<string, FlowTemplates>();
  return (flowsFolder: string): FlowTemplates | undefined => {
    const dir = templatesFolderFor(flowsFolder, io.cwd, explicit);
    if (dir === undefined) return undefined;
    let templates = loaded.get(dir);
    if (!templates) {
      templates = loadFlowTemplates(dir, io.cwd, tenant);
      loaded.set(dir, templates);
      for (const file of templates.broken)
        for (const issue of file.issues.filter((i) => i.severity === 'error'))
          report(file.display, { severity: 'error', code: `template-file:${issue.code}`, path: issue.path, message: issue.message });
      for (const problem of templates.lockProblems)
        report(templates.display, { severity: 'error', code: 'template-lock', path: '', message: problem });
    }
    return templates;
  };
}

/** The layout is optional, but when present it must fit its flow and position every node. */
function checkLayout(path: string, flow: Flow, io: Io, report: Report): void {
  if (!existsSync(path)) return;
  const display = displayPath(path, io.cwd);
  const document = readJson(path, display, report);
  if (document === undefined) return;
  const result = validateLayout(document, flow);
  for (const issue of result.issues) report(display, issue);
  if (!result.layout) return;
  const positions = result.layout.positions;
  for (const node of flow.nodes) {
    if (!Object.hasOwn(positions, node.id))
      report(display, {
        severity: 'warning',
        code: 'layout-missing-position',
        path: '/positions',
        nodeId: node.id,
        message: `node "${node.id}" has no position; the studio will place it`,
      });
  }
}

/** The test file's schema, and with a valid flow its ids, variables and outcomes. */
function checkTests(path: string, flow: Flow | undefined, io: Io, report: Report): void {
  if (!existsSync(path)) return;
  const display = displayPath(path, io.cwd);
  const document = readJson(path, display, report);
  if (document === undefined) return;
  const parsed = parseFlowTests(document);
  if (!parsed.ok) {
    for (const issue of parsed.issues)
      report(display, { severity: 'error', code: 'test-schema', path: issue.path, message: issue.message });
    return;
  }
  if (!flow) return;
  const flows = withSubflows(flow, folderResolver(dirname(path), io.cwd, [flow]));
  for (const issue of lintFlowTests(parsed.file, flows)) report(display, { ...issue, code: 'test-reference' });
}

function readJson(path: string, display: string, report: Report): unknown {
  try {
    return parseJsonText(readTextFile(path, display), display);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    // "file:line:column: reason" or "file: reason" from the reader.
    const located = /^[^:]+:(\d+):(\d+): (.*)$/s.exec(error.message);
    report(
      display,
      located
        ? { severity: 'error', code: 'json-syntax', path: '', line: Number(located[1]), column: Number(located[2]), message: located[3]! }
        : { severity: 'error', code: 'file', path: '', message: error.message.slice(display.length + 2) },
    );
    return undefined;
  }
}
