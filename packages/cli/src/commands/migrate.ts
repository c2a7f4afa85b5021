/** `parley migrate <flow> [--write]`: upgrades a flow file to the current spec version. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatFlow, migrateFlow, parseFlowJson, SPEC_VERSION, validateFlow, type Flow } from '@parley/flow';
import { parseCommandArgs } from '../args';
import { CliError, UsageError } from '../errors';
import { displayPath, readTextFile } from '../files';
import { formatIssue } from '../flows';
import { EXIT_FAILED, EXIT_OK, type Io } from '../io';

export const MIGRATE_HELP = `Usage: parley migrate <flow> [options]

Upgrades a flow written for an older specVersion to the current one (${SPEC_VERSION}), one
migration per version, validates the result and prints it in the stable format.
The migrations applied are listed on stderr.

Options:
  --write       rewrite the file in place instead of printing it
  -h, --help    show this help

Exit code 1 when the file cannot be migrated or the migrated flow has errors.
`;

export async function runMigrate(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('migrate', argv, { write: { type: 'boolean' } });
  if (args.values.help) {
    io.stdout(MIGRATE_HELP);
    return EXIT_OK;
  }
  if (args.positionals.length !== 1)
    throw new UsageError('parley migrate: give exactly one flow file, e.g. parley migrate flows/old.flow.json --write');
  const path = resolve(io.cwd, args.positionals[0]!);
  const display = displayPath(path, io.cwd);
  const parsed = parseFlowJson(readTextFile(path, display));
  if (!parsed.ok) throw new CliError(parsed.issues.map((issue) => formatIssue(display, issue)).join('\n'));
  const migrated = migrateFlow(parsed.value);
  if (!migrated.ok) throw new CliError(migrated.issues.map((issue) => formatIssue(display, issue)).join('\n'));
  const validation = validateFlow(migrated.flow);
  const errors = validation.issues.filter((issue) => issue.severity === 'error');
  if (!validation.ok || !validation.flow) {
    io.stderr(`${display}: the migrated flow has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n`);
    io.stderr(errors.map((issue) => `  ${formatIssue(display, issue)}\n`).join(''));
    return EXIT_FAILED;
  }
  const flow: Flow = validation.flow;
  if (migrated.applied.length === 0) {
    io.stderr(`${display}: already at spec ${flow.specVersion}; nothing to migrate\n`);
  } else {
    io.stderr(`${display}: applied ${migrated.applied.join(', ')}\n`);
  }
  const text = formatFlow(flow);
  if (args.values.write) {
    if (migrated.applied.length > 0) writeFileSync(path, text);
    io.stderr(migrated.applied.length > 0 ? `${display}: written\n` : '');
  } else {
    io.stdout(text);
  }
  return EXIT_OK;
}
