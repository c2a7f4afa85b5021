/**
 * `parley templates diff`: per (template, language) what push would find — new, changed,
 * unchanged, remote-only, removed locally — against Meta when the tenant can reach it, else
 * against the lock (what was last submitted). Changed languages show a content diff when Meta's
 * content is at hand.
 */
import type { TemplateLanguageState } from '@parley/contract';
import {
  diffTemplates,
  fromMeta,
  remoteLanguages,
  type DiffEntry,
  type DiffKind,
  type RemoteLanguage,
  type TemplateFile,
} from '@parley/templates';
import { parseCommandArgs } from '../args';
import { UsageError } from '../errors';
import { EXIT_OK, painter, type Io, type Paint } from '../io';
import { contentDiff } from '../templates/content-diff';
import { plural } from '../templates/format';
import { loadLocal, validTemplates } from '../templates/local';
import { describeGraphError, templateApi } from '../templates/remote';
import { openWorkspace, WORKSPACE_HELP, WORKSPACE_OPTIONS } from '../templates/workspace';

const HELP = `Usage: parley templates diff [options]

Compares the template files with Meta (when the tenant has a "wabaId" and its token is set) and
with templates.lock.json, per template and language:
  + new              in the file, not at Meta          push creates it
  ~ changed          the file differs from what Meta has (or from the hash last submitted)
  = unchanged
  ? remote-only      at Meta, not in the folder         pull imports it, push --prune deletes it
  - removed-locally  in the lock, gone from the file    push --prune deletes it at Meta
Changed languages show a line diff of the content (Meta's lines '-', the file's '+').

Options:
${WORKSPACE_HELP}
`;

const MARKS: Record<DiffKind, string> = { new: '+', changed: '~', unchanged: '=', 'remote-only': '?', 'removed-locally': '-' };
const ORDER: DiffKind[] = ['new', 'changed', 'removed-locally', 'remote-only', 'unchanged'];

export async function runTemplatesDiff(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('templates diff', argv, WORKSPACE_OPTIONS);
  if (args.values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (args.positionals.length > 0) throw new UsageError(`parley templates diff: unexpected argument "${args.positionals[0]}"`);
  const workspace = openWorkspace('diff', args, io);
  const local = loadLocal(workspace, io.cwd);
  const templates = validTemplates(local);
  const lockTenant = local.lock.tenants[workspace.tenant] ?? {};
  let remote: RemoteLanguage[];
  let remoteTemplates = new Map<string, TemplateFile>();
  let against: string;
  if (workspace.remote.ok) {
    try {
      const list = await templateApi(workspace.remote).list(workspace.remote.wabaId);
      remote = remoteLanguages(list);
      remoteTemplates = new Map(fromMeta(list).map((p) => [p.template.name, p.template]));
      against = `Meta (WhatsApp Business Account ${workspace.remote.wabaId}) and ${workspace.lockDisplay}`;
    } catch (error) {
      remote = lockAsRemote(lockTenant);
      against = `${workspace.lockDisplay} only — Meta could not be read: ${describeGraphError(error)}`;
    }
  } else {
    remote = lockAsRemote(lockTenant);
    against = `${workspace.lockDisplay} only — ${workspace.remote.missing}`;
  }
  const entries = diffTemplates([...templates.values()], remote, lockTenant).sort(
    (a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.name.localeCompare(b.name) || a.language.localeCompare(b.language),
  );
  const withContent = entries.map((entry) => ({ ...entry, content: changedContent(entry, templates, remoteTemplates) }));
  const broken = local.templates.filter((t) => !t.template).map((t) => t.display);
  if (workspace.json) {
    io.stdout(`${JSON.stringify({ tenant: workspace.tenant, against, entries: withContent, skippedFiles: broken }, null, 2)}\n`);
    return EXIT_OK;
  }
  const paint = painter(io.color);
  io.stdout(`${paint('dim', `tenant ${workspace.tenant}, against ${against}`)}\n`);
  for (const entry of withContent) printEntry(entry, paint, io);
  for (const file of broken) io.stdout(`${paint('yellow', `${file}: has errors, left out (parley templates validate)`)}\n`);
  const counts = ORDER.map((kind) => `${entries.filter((e) => e.kind === kind).length} ${kind}`).join(', ');
  io.stdout(`${entries.length === 0 ? 'no templates' : `${plural(entries.length, 'language')}: ${counts}`}\n`);
  return EXIT_OK;
}

/** Without Meta, the lock is the best knowledge of what Meta has: its states and submitted hashes. */
function lockAsRemote(lockTenant: Record<string, Record<string, TemplateLanguageState>>): RemoteLanguage[] {
  return Object.entries(lockTenant).flatMap(([name, languages]) =>
    Object.entries(languages)
      .filter(([, state]) => state.status !== 'deleted')
      .map(([language, state]) => ({ name, language, state, hash: state.hash ?? null })),
  );
}

function changedContent(entry: DiffEntry, local: Map<string, TemplateFile>, remote: Map<string, TemplateFile>): string[] | undefined {
  if (entry.kind !== 'changed') return undefined;
  const mine = local.get(entry.name);
  const theirs = remote.get(entry.name);
  if (!mine || !theirs || !Object.hasOwn(theirs.languages, entry.language)) return undefined;
  return contentDiff(theirs, mine, entry.language);
}

function printEntry(entry: DiffEntry & { content?: string[] }, paint: Paint, io: Io): void {
  const style = entry.kind === 'unchanged' ? 'dim' : entry.kind === 'new' ? 'green' : entry.kind === 'changed' ? 'yellow' : 'cyan';
  const status = entry.state ? ` [${entry.state.status.replaceAll('_', ' ')}]` : '';
  io.stdout(
    `${paint(style, `${MARKS[entry.kind]} ${entry.kind.padEnd(15)} ${entry.name} (${entry.language})${status}`)}: ${entry.reason}\n`,
  );
  for (const line of entry.content ?? []) {
    io.stdout(`    ${line.startsWith('+') ? paint('green', line) : line.startsWith('-') ? paint('red', line) : paint('dim', line)}\n`);
  }
}
