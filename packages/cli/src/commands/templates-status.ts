/**
 * `parley templates status`: one row per template and language — status, quality, category and
 * whether the file changed since it was submitted. Fresh from Meta when the tenant can reach it
 * (and the lock is refreshed with it), else from the lock; the output says which.
 */
import type { TemplateLanguageState } from '@parley/contract';
import { languageHash, remoteLanguages, serializeLock, type RemoteLanguage, type TemplateFile } from '@parley/templates';
import { parseCommandArgs } from '../args';
import { UsageError } from '../errors';
import { EXIT_OK, painter, type Io } from '../io';
import { table } from '../templates/format';
import { loadLocal, validTemplates, writeLock } from '../templates/local';
import { describeGraphError, templateApi } from '../templates/remote';
import { refreshLock } from '../templates/sync';
import { openWorkspace, WORKSPACE_HELP, WORKSPACE_OPTIONS } from '../templates/workspace';

const HELP = `Usage: parley templates status [options]

Prints each template's languages with Meta's status, quality rating and category, and whether
the file changed since that language was submitted. Reads Meta when the tenant has a "wabaId" and
its token is set (and updates templates.lock.json with what it says); otherwise the lock.

Options:
${WORKSPACE_HELP}
`;

export interface StatusRow {
  name: string;
  language: string;
  status: string;
  quality: string;
  category: string;
  /** yes / no / removed locally / remote only / file has errors / — (never submitted) */
  changed: string;
  reason?: string;
}

export async function runTemplatesStatus(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('templates status', argv, WORKSPACE_OPTIONS);
  if (args.values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (args.positionals.length > 0) throw new UsageError(`parley templates status: unexpected argument "${args.positionals[0]}"`);
  const workspace = openWorkspace('status', args, io);
  const local = loadLocal(workspace, io.cwd);
  const templates = validTemplates(local);
  let lock = local.lock;
  let source: string;
  let remote: RemoteLanguage[] | undefined;
  if (workspace.remote.ok) {
    try {
      remote = remoteLanguages(await templateApi(workspace.remote).list(workspace.remote.wabaId));
      lock = refreshLock(lock, remote, { tenant: workspace.tenant, local: templates });
      source = `Meta (WhatsApp Business Account ${workspace.remote.wabaId})`;
      if (serializeLock(lock) !== serializeLock(local.lock)) {
        writeLock(workspace, lock);
        source += `; ${workspace.lockDisplay} updated`;
      }
    } catch (error) {
      source = `${workspace.lockDisplay} — Meta could not be read: ${describeGraphError(error)}`;
    }
  } else {
    source = `${workspace.lockDisplay} — not refreshed: ${workspace.remote.missing}`;
  }
  const broken = new Set(local.templates.filter((t) => !t.template).map((t) => t.name));
  const rows = statusRows(templates, lock.tenants[workspace.tenant] ?? {}, remote, broken);
  if (workspace.json) {
    io.stdout(`${JSON.stringify({ tenant: workspace.tenant, source, templates: rows }, null, 2)}\n`);
    return EXIT_OK;
  }
  const paint = painter(io.color);
  io.stdout(`${paint('dim', `tenant ${workspace.tenant}, from ${source}`)}\n`);
  if (rows.length === 0) {
    io.stdout(`no templates in ${workspace.dirDisplay}\n`);
    return EXIT_OK;
  }
  const body = table(
    ['NAME', 'LANGUAGE', 'STATUS', 'QUALITY', 'CATEGORY', 'CHANGED SINCE SUBMIT'],
    rows.map((r) => [r.name, r.language, r.status, r.quality, r.category, r.changed]),
  );
  io.stdout(`${body}\n`);
  for (const row of rows.filter((r) => r.reason)) io.stdout(`${paint('yellow', `${row.name} (${row.language}): ${row.reason}`)}\n`);
  return EXIT_OK;
}

export function statusRows(
  templates: Map<string, TemplateFile>,
  lockTenant: Record<string, Record<string, TemplateLanguageState>>,
  remote: RemoteLanguage[] | undefined,
  broken: Set<string> = new Set(),
): StatusRow[] {
  const rows: StatusRow[] = [];
  const names = [...new Set([...templates.keys(), ...Object.keys(lockTenant), ...broken])].sort();
  for (const name of names) {
    const template = templates.get(name);
    const states = lockTenant[name] ?? {};
    const languages = [...new Set([...Object.keys(template?.languages ?? {}), ...Object.keys(states)])].sort();
    if (broken.has(name)) {
      rows.push(
        ...(languages.length ? languages : ['—']).map((language) => row(name, language, undefined, states[language], 'file has errors')),
      );
      continue;
    }
    for (const language of languages) {
      const state = states[language];
      const inFile = template !== undefined && Object.hasOwn(template.languages, language);
      const changed = !inFile ? 'removed locally' : !state?.hash ? '—' : state.hash === languageHash(template, language) ? 'no' : 'yes';
      rows.push(row(name, language, template?.category, state, changed));
    }
  }
  for (const entry of remote ?? []) {
    if (templates.has(entry.name) || broken.has(entry.name) || Object.hasOwn(lockTenant, entry.name)) continue;
    rows.push(row(entry.name, entry.language, undefined, entry.state, 'remote only'));
  }
  return rows;
}

function row(
  name: string,
  language: string,
  category: string | undefined,
  state: TemplateLanguageState | undefined,
  changed: string,
): StatusRow {
  return {
    name,
    language,
    status: (state?.status ?? 'not_submitted').replaceAll('_', ' '),
    quality: state?.quality ?? '—',
    category: state?.category ?? category ?? '—',
    changed,
    ...(state?.reason ? { reason: state.reason } : {}),
  };
}
