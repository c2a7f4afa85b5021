/**
 * The lock file, `templates/templates.lock.json`: per tenant, template and language what Meta said
 * (id, status, quality, category, the content hash submitted). Written by the tool and committed,
 * so its serialisation is stable: sorted keys, 2-space JSON, a final newline — a status change is
 * a one-line diff.
 */
import type { TemplateLanguageState } from '@parley/contract';
import { lockSchemaIssues } from './schema/structure';
import type { TemplateIssue, TemplateLock } from './types';

const LOCK_SCHEMA = '../schemas/templates-lock.schema.json';

export function emptyLock(): TemplateLock {
  return { $schema: LOCK_SCHEMA, lockVersion: 1, tenants: {} };
}

/** Checks a parsed lock file; an invalid one yields an empty lock and the issues (never throws). */
export function readLock(doc: unknown, file = 'templates/templates.lock.json'): { lock: TemplateLock; issues: TemplateIssue[] } {
  const issues = lockSchemaIssues(doc, file);
  if (issues.length > 0) return { lock: emptyLock(), issues };
  return { lock: doc as TemplateLock, issues: [] };
}

export function lockStates(lock: TemplateLock, tenant: string, name: string): Record<string, TemplateLanguageState> {
  return { ...(lock.tenants[tenant]?.[name] ?? {}) };
}

/** A new lock with (tenant, name, language) set to `state`; `null` removes it (and empty parents). The input is not changed. */
export function setLockState(
  lock: TemplateLock,
  tenant: string,
  name: string,
  language: string,
  state: TemplateLanguageState | null,
): TemplateLock {
  const languages = { ...(lock.tenants[tenant]?.[name] ?? {}) };
  if (state === null) delete languages[language];
  else languages[language] = { ...state };
  const templates = { ...(lock.tenants[tenant] ?? {}) };
  if (Object.keys(languages).length > 0) templates[name] = languages;
  else delete templates[name];
  const tenants = { ...lock.tenants };
  if (Object.keys(templates).length > 0) tenants[tenant] = templates;
  else delete tenants[tenant];
  return { ...lock, tenants };
}

/** Stable text: `$schema` and `lockVersion` first, then every object's keys sorted; 2 spaces; newline at the end. */
export function serializeLock(lock: TemplateLock): string {
  const { $schema, lockVersion, tenants } = lock;
  return `${JSON.stringify({ $schema: $schema ?? LOCK_SCHEMA, lockVersion, tenants: sortKeys(tenants) }, null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) sorted[key] = sortKeys(v);
  }
  return sorted;
}
