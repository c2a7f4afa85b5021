/**
 * `parley format [paths…] [--check]`: rewrites flow and layout files in the stable format
 * (fixed key order, one value per line) so a one-word change is a one-line diff.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { formatFlow, formatLayout, parseFlowJson, type Flow, type FlowLayout } from '@parley/flow';
import { parseCommandArgs } from '../args';
import { CliError } from '../errors';
import { collectFiles, displayPath, readTextFile } from '../files';
import { FLOW_SUFFIX, formatIssue } from '../flows';
import { EXIT_FAILED, EXIT_OK, type Io } from '../io';

export const FORMAT_HELP = `Usage: parley format [paths…] [options]

Rewrites <id>.flow.json files (and their <id>.layout.json) in the stable format: a fixed
key order and one value per line, so reviews show only real changes. Paths are files or
folders (default: flows/). Only the formatting changes; run parley validate for content.

Options:
  --check       change nothing; exit 1 and list the files that are not formatted (for CI)
  -h, --help    show this help
`;

export async function runFormat(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('format', argv, { check: { type: 'boolean' } });
  if (args.values.help) {
    io.stdout(FORMAT_HELP);
    return EXIT_OK;
  }
  const inputs = args.positionals.length ? args.positionals : ['flows'];
  const files = collectFiles(inputs, FLOW_SUFFIX, io.cwd);
  if (files.length === 0) throw new CliError(`parley format: no *${FLOW_SUFFIX} files in ${inputs.join(', ')}`);
  let unformatted = 0;
  let broken = 0;
  for (const path of files) {
    const flow = readDocument(path, io) as Flow | undefined;
    if (!flow) {
      broken++;
      continue;
    }
    const targets: Array<{ path: string; text: string }> = [{ path, text: formatFlow(flow) }];
    const layoutPath = path.endsWith(FLOW_SUFFIX) ? `${path.slice(0, -FLOW_SUFFIX.length)}.layout.json` : undefined;
    if (layoutPath && existsSync(layoutPath)) {
      const layout = readDocument(layoutPath, io) as FlowLayout | undefined;
      if (layout) targets.push({ path: layoutPath, text: formatLayout(layout, flow) });
      else broken++;
    }
    for (const target of targets) {
      if (readTextFile(target.path) === target.text) continue;
      unformatted++;
      if (args.values.check) io.stdout(`${displayPath(target.path, io.cwd)}: not in the stable format\n`);
      else {
        writeFileSync(target.path, target.text);
        io.stdout(`${displayPath(target.path, io.cwd)}: formatted\n`);
      }
    }
  }
  const verb = args.values.check ? 'need formatting' : 'formatted';
  io.stdout(
    `${files.length} flow${files.length === 1 ? '' : 's'}: ${unformatted} file${unformatted === 1 ? '' : 's'} ${verb}${broken ? `, ${broken} unreadable` : ''}\n`,
  );
  return broken || (args.values.check && unformatted) ? EXIT_FAILED : EXIT_OK;
}

/** The JSON document, or undefined after printing why it cannot be read. */
function readDocument(path: string, io: Io): unknown {
  const display = displayPath(path, io.cwd);
  const parsed = parseFlowJson(readTextFile(path, display));
  if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value)) return parsed.value;
  const issues = parsed.ok ? [`${display}:/ error expected a JSON object`] : parsed.issues.map((issue) => formatIssue(display, issue));
  io.stdout(`${issues.join('\n')}\n`);
  return undefined;
}
