/** diffTemplates: the files against what Meta has, per (name, language). */
import type { TemplateLanguageState } from '@parley/contract';
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
  void files; void remote; void lockTenant;
  throw new Error('diffTemplates: not implemented yet');
}

/** Meta's list as diff input: each language with its state and the hash of its content. */
export function remoteLanguages(remote: MetaTemplate[]): RemoteLanguage[] {
  void remote;
  throw new Error('remoteLanguages: not implemented yet');
}
