/**
 * diffTemplates: the files against what Meta has, per (name, language) — what `push` would create
 * or edit, what is unchanged, what exists only on Meta (`pull` imports it) and what was removed
 * from git but still exists on Meta (`push --prune` deletes it). Content is compared by
 * languageHash: Meta's content's when known, else the hash the lock recorded at submission.
 */
import type { TemplateLanguageState } from '@parley/contract';
import { languageHash } from './hash';
import { fromMeta } from './meta/from-meta';
import type { MetaTemplate } from './meta/types';
import type { TemplateFile } from './types';

export type DiffKind = 'new' | 'changed' | 'unchanged' | 'remote-only' | 'removed-locally';

/** One (name, language) on Meta's side; `hash` is the languageHash of Meta's content, null when unknown. */
export interface RemoteLanguage {
  name: string;
  language: string;
  state: TemplateLanguageState;
  hash: string | null;
}

export interface DiffEntry {
  name: string;
  language: string;
  kind: DiffKind;
  /** One line a person reads: why this kind. */
  reason: string;
  localHash?: string;
  remoteHash?: string;
  /** Meta's state, when Meta has this language. */
  state?: TemplateLanguageState;
}

export function diffTemplates(
  files: TemplateFile[],
  remote: RemoteLanguage[],
  lockTenant: Record<string, Record<string, TemplateLanguageState>> = {},
): DiffEntry[] {
  const remoteByKey = new Map(remote.map((r) => [`${r.name}\u0000${r.language}`, r]));
  const local = new Set<string>();
  const entries: DiffEntry[] = [];
  for (const t of files) {
    for (const language of Object.keys(t.languages)) {
      const key = `${t.name}\u0000${language}`;
      local.add(key);
      const localHash = languageHash(t, language);
      const r = remoteByKey.get(key);
      const locked = lockTenant[t.name]?.[language];
      if (!r) {
        entries.push({
          name: t.name,
          language,
          kind: 'new',
          reason: locked?.id ? `not on Meta any more (the lock has id ${locked.id}): will be created again` : 'not on Meta yet',
          localHash,
        });
        continue;
      }
      const remoteHash = r.hash ?? locked?.hash ?? null;
      const base = { name: t.name, language, localHash, state: r.state, ...(remoteHash ? { remoteHash } : {}) };
      if (remoteHash === null) {
        entries.push({ ...base, kind: 'changed', reason: `Meta's content is unknown (status ${r.state.status}): push submits the file's` });
      } else if (remoteHash !== localHash) {
        const category =
          r.state.category && r.state.category !== t.category ? `; category: file ${t.category}, Meta ${r.state.category}` : '';
        entries.push({ ...base, kind: 'changed', reason: `the file differs from what Meta has (status ${r.state.status})${category}` });
      } else {
        entries.push({ ...base, kind: 'unchanged', reason: `same content as on Meta (status ${r.state.status})` });
      }
    }
  }
  for (const r of remote) {
    const key = `${r.name}\u0000${r.language}`;
    if (local.has(key)) continue;
    const locked = lockTenant[r.name]?.[r.language];
    const fileHas = files.some((t) => t.name === r.name);
    entries.push({
      name: r.name,
      language: r.language,
      kind: locked ? 'removed-locally' : 'remote-only',
      reason: locked
        ? `${fileHas ? 'this language was removed from the file' : 'the file was removed'} but Meta still has it (status ${r.state.status}): push --prune deletes it`
        : `only on Meta (status ${r.state.status}): pull imports it`,
      state: r.state,
      ...(r.hash ? { remoteHash: r.hash } : {}),
    });
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language));
}

/** Meta's list as diff input: each language with its state and the languageHash of its content. */
export function remoteLanguages(remote: MetaTemplate[]): RemoteLanguage[] {
  return fromMeta(remote).flatMap((p) =>
    Object.entries(p.states).map(([language, state]) => ({ name: p.template.name, language, state, hash: state.hash ?? null })),
  );
}
