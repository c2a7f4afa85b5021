/**
 * `parley templates pull [name…]`: writes a file for each template the business account has and
 * git does not, and refreshes the lock's statuses. Files already in git are never overwritten:
 * a language only Meta has is reported, for a person to add by hand.
 */
import { fromMeta, remoteLanguages, serializeLock, validateTemplate } from '@parley/templates';
import { parseCommandArgs } from '../args';
import { EXIT_OK, painter, type Io } from '../io';
import { plural } from '../templates/format';
import { formatTemplateIssue, loadLocal, schemaReference, validTemplates, writeLock, writeTemplateFile } from '../templates/local';
import { checkNames } from '../templates/names';
import { listOrFail, templateApi } from '../templates/remote';
import { refreshLock } from '../templates/sync';
import { openWorkspace, requireRemote, WORKSPACE_HELP, WORKSPACE_OPTIONS } from '../templates/workspace';
import { displayPath } from '../files';

const HELP = `Usage: parley templates pull [name…] [options]

Reads the tenant's WhatsApp Business Account (GET /<waba-id>/message_templates) and
  - writes <name>.template.json for every template that is not in the folder (existing files are
    never overwritten; a language only Meta has is listed instead)
  - refreshes templates.lock.json: id, status, quality and category of every language
With names, only those templates. Needs the tenant's "wabaId" and its access token.

Options:
${WORKSPACE_HELP}
`;

interface Imported {
  name: string;
  file: string;
  languages: string[];
  /** What could not be carried over exactly, and what the imported file fails (fix before pushing). */
  warnings: string[];
}

export async function runTemplatesPull(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('templates pull', argv, WORKSPACE_OPTIONS);
  if (args.values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const workspace = openWorkspace('pull', args, io);
  const remote = requireRemote('pull', workspace);
  const local = loadLocal(workspace, io.cwd);
  const templates = validTemplates(local);
  const names = args.positionals.length ? new Set(args.positionals) : undefined;
  const list = await listOrFail('pull', templateApi(remote), remote);
  if (names) checkNames('pull', names, templates, list, local.lock.tenants[workspace.tenant]);
  const inFolder = new Set(local.templates.map((t) => t.name));
  const imported: Imported[] = [];
  const notImported: string[] = [];
  const schemaRef = schemaReference(local);
  for (const pulled of fromMeta(list)) {
    const { template } = pulled;
    if (names && !names.has(template.name)) continue;
    if (inFolder.has(template.name)) {
      const existing = templates.get(template.name);
      for (const language of Object.keys(template.languages)) {
        if (existing && !Object.hasOwn(existing.languages, language))
          notImported.push(
            `${template.name} (${language}) is at Meta but not in ${template.name}.template.json; add it by hand to keep it`,
          );
      }
      continue;
    }
    const path = writeTemplateFile(workspace, template, schemaRef);
    const file = displayPath(path, io.cwd);
    const check = validateTemplate(template, file);
    templates.set(template.name, template);
    imported.push({
      name: template.name,
      file,
      languages: Object.keys(template.languages),
      warnings: [...pulled.warnings, ...check.issues.map(formatTemplateIssue)],
    });
  }
  const lock = refreshLock(local.lock, remoteLanguages(list), { tenant: workspace.tenant, local: templates, ...(names ? { names } : {}) });
  const lockWritten = serializeLock(lock) !== serializeLock(local.lock);
  if (lockWritten) writeLock(workspace, lock);
  if (workspace.json) {
    io.stdout(`${JSON.stringify({ tenant: workspace.tenant, imported, notImported, lockWritten }, null, 2)}\n`);
    return EXIT_OK;
  }
  const paint = painter(io.color);
  for (const item of imported) {
    io.stdout(`${paint('green', '✓ imported')} ${item.name} (${item.languages.join(', ')}) → ${item.file}\n`);
    for (const warning of item.warnings) io.stdout(`    ${paint('yellow', warning)}\n`);
  }
  for (const line of notImported) io.stdout(`${paint('yellow', line)}\n`);
  const summary = `${plural(imported.length, 'template')} imported from WhatsApp Business Account ${remote.wabaId}${lockWritten ? `; ${workspace.lockDisplay} updated` : '; the lock was up to date'}`;
  io.stdout(`${paint('green', summary)}\n`);
  return EXIT_OK;
}
