/**
 * The lock brought up to date with what Meta says now (push, pull and status all end with this):
 * every language Meta has of a template that is in git or already in the lock gets Meta's id,
 * status, quality, category and reason; the hash stays the one that was submitted. A language
 * the lock knew by id that Meta no longer has is marked `deleted` (someone removed it in Business
 * Manager): the reviewer sees it in the lock's diff instead of it silently disappearing.
 */
import type { TemplateLanguageState } from '@parley/contract';
import { languageHash, setLockState, type RemoteLanguage, type TemplateFile, type TemplateLock } from '@parley/templates';

export interface RefreshOptions {
  tenant: string;
  /** The valid local templates by name. */
  local: Map<string, TemplateFile>;
  /** Hashes just submitted by this run: `name\0language` → hash. */
  submitted?: Map<string, string>;
  /** Only these templates (the command's name arguments); default all. */
  names?: Set<string>;
  now?: number;
}

export function languageKey(name: string, language: string): string {
  return `${name}\u0000${language}`;
}

export function refreshLock(lock: TemplateLock, remote: RemoteLanguage[], options: RefreshOptions): TemplateLock {
  const { tenant, local, submitted = new Map<string, string>(), names } = options;
  const now = options.now ?? Date.now();
  const inScope = (name: string) => !names || names.has(name);
  const known = lock.tenants[tenant] ?? {};
  let next = lock;
  const seen = new Set<string>();
  for (const entry of remote) {
    if (!inScope(entry.name)) continue;
    const previous = known[entry.name]?.[entry.language];
    if (!local.has(entry.name) && !Object.hasOwn(known, entry.name)) continue;
    seen.add(languageKey(entry.name, entry.language));
    const hash = submitted.get(languageKey(entry.name, entry.language)) ?? previous?.hash ?? adoptedHash(local.get(entry.name), entry);
    const state: TemplateLanguageState = { ...stripUndefined(entry.state), ...(hash ? { hash } : {}) };
    if (!sameState(previous, state)) next = setLockState(next, tenant, entry.name, entry.language, { ...state, updatedAt: now });
  }
  for (const [name, languages] of Object.entries(known)) {
    if (!inScope(name)) continue;
    for (const [language, state] of Object.entries(languages)) {
      if (seen.has(languageKey(name, language)) || !state.id || state.status === 'deleted') continue;
      next = setLockState(next, tenant, name, language, { ...state, status: 'deleted', updatedAt: now });
    }
  }
  return next;
}

/** A language submitted outside Parley whose content equals the file's: its hash is the file's. */
function adoptedHash(template: TemplateFile | undefined, entry: RemoteLanguage): string | undefined {
  if (!template || !entry.hash || !Object.hasOwn(template.languages, entry.language)) return undefined;
  return languageHash(template, entry.language) === entry.hash ? entry.hash : undefined;
}

/** Compared without `updatedAt`, so an unchanged status does not touch the lock (no noise in git). */
function sameState(a: TemplateLanguageState | undefined, b: TemplateLanguageState): boolean {
  if (!a) return false;
  const { updatedAt: _a, ...left } = a;
  const { updatedAt: _b, ...right } = b;
  return JSON.stringify(sortedEntries(left)) === JSON.stringify(sortedEntries(right));
}

function sortedEntries(value: object): Array<[string, unknown]> {
  return Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([x], [y]) => (x < y ? -1 : 1));
}

function stripUndefined(state: TemplateLanguageState): TemplateLanguageState {
  const copy: TemplateLanguageState = { ...state };
  for (const key of Object.keys(copy) as Array<keyof TemplateLanguageState>) if (copy[key] === undefined) delete copy[key];
  delete copy.hash;
  delete copy.updatedAt;
  return copy;
}
