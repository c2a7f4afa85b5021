/**
 * `parley templates validate`: every template file and the lock, against the schema and Meta's
 * rules. One line per issue: `file: language › component › field: message`.
 */
import type { TemplateIssue } from '@parley/templates';
import { parseCommandArgs } from '../args';
import { CliError, UsageError } from '../errors';
import { EXIT_FAILED, EXIT_OK, painter, type Io } from '../io';
import { plural } from '../templates/format';
import { formatTemplateIssue, loadLocal, type LocalState } from '../templates/local';
import { openWorkspace, WORKSPACE_HELP, WORKSPACE_OPTIONS } from '../templates/workspace';

const HELP = `Usage: parley templates validate [options]

Checks every <name>.template.json of the templates folder (the template schema and Meta's
rules: lengths, parameters, buttons, examples) and templates.lock.json. Each issue is printed as
  file: language › component › field: message

Options:
${WORKSPACE_HELP}
  --quiet            errors only, not warnings

Exit code 0 when there are no errors (warnings allowed), 1 on errors, 2 on usage errors.
`;

export async function runTemplatesValidate(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('templates validate', argv, { ...WORKSPACE_OPTIONS, quiet: { type: 'boolean' } });
  if (args.values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (args.positionals.length > 0) throw new UsageError(`parley templates validate: unexpected argument "${args.positionals[0]}"`);
  const workspace = openWorkspace('validate', args, io);
  const local = loadLocal(workspace, io.cwd);
  if (local.templates.length === 0 && !local.lockExists)
    throw new CliError(`parley templates validate: no *.template.json files in ${workspace.dirDisplay}`);
  const issues = [...local.templates.flatMap((t) => t.issues), ...local.lockIssues, ...orphanedLockEntries(local, workspace.lockDisplay)];
  const shown = args.values.quiet ? issues.filter((i) => i.severity === 'error') : issues;
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  if (workspace.json) {
    io.stdout(`${JSON.stringify({ files: local.templates.length, errors, warnings, issues: shown }, null, 2)}\n`);
    return errors ? EXIT_FAILED : EXIT_OK;
  }
  const paint = painter(io.color);
  for (const issue of shown) io.stdout(`${paint(issue.severity === 'error' ? 'red' : 'yellow', formatTemplateIssue(issue))}\n`);
  const count = local.templates.length;
  const summary = `${count} template${count === 1 ? '' : 's'}${local.lockExists ? ' and the lock' : ''} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  io.stdout(`${paint(errors ? 'red' : 'green', summary)}\n`);
  return errors ? EXIT_FAILED : EXIT_OK;
}

/** A lock entry whose file is gone: not an error (push --prune deletes it at Meta), but worth a warning. */
function orphanedLockEntries(local: LocalState, lockDisplay: string): TemplateIssue[] {
  const names = new Set(local.templates.map((t) => t.name));
  return Object.entries(local.lock.tenants).flatMap(([tenant, templates]) =>
    Object.keys(templates)
      .filter((name) => !names.has(name))
      .map((name): TemplateIssue => ({
        severity: 'warning',
        code: 'lock-without-file',
        message: `tenant ${tenant}: the lock records "${name}" but there is no ${name}.template.json; \`parley templates pull ${name}\` imports it from Meta, \`push --prune\` deletes it there`,
        file: lockDisplay,
        path: `/tenants/${escapePointer(tenant)}/${escapePointer(name)}`,
      })),
  );
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
