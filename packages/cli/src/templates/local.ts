/**
 * The templates in git: every `<name>.template.json` of the folder (validated by @parley/templates)
 * and `templates.lock.json`. Reading never throws for bad content — a file that cannot be read
 * or parsed becomes an issue on that file — so `validate` can list every problem at once.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  emptyLock,
  readLock,
  serializeLock,
  validateTemplate,
  type TemplateFile,
  type TemplateIssue,
  type TemplateLock,
} from '@parley/templates';
import { CliError } from '../errors';
import { displayPath, parseJsonText, readTextFile, statOrNull } from '../files';
import type { TemplatesWorkspace } from './workspace';

const TEMPLATE_SUFFIX = '.template.json';

export interface LocalTemplate {
  name: string;
  path: string;
  display: string;
  /** Present when the file has no errors. */
  template?: TemplateFile;
  issues: TemplateIssue[];
}

export interface LocalState {
  templates: LocalTemplate[];
  lock: TemplateLock;
  /** Whether the lock file exists (a missing one is an empty lock). */
  lockExists: boolean;
  lockIssues: TemplateIssue[];
}

export function loadLocal(workspace: TemplatesWorkspace, cwd: string): LocalState {
  const stats = statOrNull(workspace.dir);
  if (stats && !stats.isDirectory()) throw new CliError(`${workspace.dirDisplay}: is a file; --dir takes the templates folder`);
  const names = stats ? readdirSync(workspace.dir).filter((f) => f.endsWith(TEMPLATE_SUFFIX)) : [];
  const templates = names.sort().map((file) => loadTemplateFile(join(workspace.dir, file), cwd));
  const lock = loadLockFile(workspace);
  return { templates, ...lock };
}

function loadTemplateFile(path: string, cwd: string): LocalTemplate {
  const display = displayPath(path, cwd);
  const name = path.slice(path.lastIndexOf('/') + 1, -TEMPLATE_SUFFIX.length);
  const document = readJson(path, display);
  if (!document.ok) return { name, path, display, issues: [document.issue] };
  const result = validateTemplate(document.value, display);
  return { name, path, display, issues: result.issues, ...(result.template ? { template: result.template } : {}) };
}

function loadLockFile(workspace: TemplatesWorkspace): Omit<LocalState, 'templates'> {
  if (!existsSync(workspace.lockPath)) return { lock: emptyLock(), lockExists: false, lockIssues: [] };
  const document = readJson(workspace.lockPath, workspace.lockDisplay);
  if (!document.ok) return { lock: emptyLock(), lockExists: true, lockIssues: [document.issue] };
  const { lock, issues } = readLock(document.value, workspace.lockDisplay);
  return { lock, lockExists: true, lockIssues: issues };
}

function readJson(path: string, display: string): { ok: true; value: unknown } | { ok: false; issue: TemplateIssue } {
  try {
    return { ok: true, value: parseJsonText(readTextFile(path, display), display) };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    const message = error.message.startsWith(display) ? error.message.slice(display.length).replace(/^:\s*/, '') : error.message;
    return { ok: false, issue: { severity: 'error', code: 'file', message, file: display, path: '' } };
  }
}

/** Writes through a temporary file so an interrupted run never leaves half a lock. */
export function writeLock(workspace: TemplatesWorkspace, lock: TemplateLock): void {
  writeAtomically(workspace.lockPath, serializeLock(lock));
}

/**
 * A template imported by `pull`, in the layout of the hand-written files (2 spaces, `$schema`
 * first, pointing where the folder's other files point).
 */
export function writeTemplateFile(workspace: TemplatesWorkspace, template: TemplateFile, schemaRef: string): string {
  const path = join(workspace.dir, `${template.name}${TEMPLATE_SUFFIX}`);
  const document: TemplateFile = { $schema: schemaRef, ...template };
  document.$schema = schemaRef;
  writeAtomically(path, `${JSON.stringify(document, null, 2)}\n`);
  return path;
}

/** The `$schema` the folder's files use, so an imported file validates in editors like its neighbours. */
export function schemaReference(local: LocalState): string {
  return local.templates.find((t) => t.template?.$schema)?.template?.$schema ?? '../schemas/template.schema.json';
}

function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/**
 * `file: language › component › field: message`, with `warning:` before the message of a warning.
 * @parley/templates writes self-contained messages (`file: [en] body: …`); their place prefix is
 * replaced by the structured one so every line reads the same way.
 */
export function formatTemplateIssue(issue: TemplateIssue): string {
  const { language, component, field } = issue;
  const where = [language, component && !field?.startsWith(component) ? component : undefined, field].filter((part): part is string =>
    Boolean(part),
  );
  const severity = issue.severity === 'warning' ? 'warning: ' : '';
  return `${issue.file}: ${where.length ? `${where.join(' › ')}: ` : ''}${severity}${bareProblem(issue)}`;
}

function bareProblem(issue: TemplateIssue): string {
  let message = issue.message;
  if (message.startsWith(`${issue.file}: `)) message = message.slice(issue.file.length + 2);
  const prefixes = [
    issue.language !== undefined ? `[${issue.language}] ${issue.field ?? 'language'}: ` : undefined,
    issue.field !== undefined ? `parameter ${issue.field}: ` : undefined,
    issue.field !== undefined ? `${issue.field}: ` : undefined,
  ];
  const found = prefixes.find((prefix) => prefix !== undefined && message.startsWith(prefix));
  return found ? message.slice(found.length) : message;
}

/** The valid templates by name (files with errors are left out: nothing is pushed or rendered from them). */
export function validTemplates(local: LocalState): Map<string, TemplateFile> {
  return new Map(local.templates.flatMap((t) => (t.template ? [[t.template.name, t.template] as const] : [])));
}
