/**
 * What `push` will do, decided from the diff before any call: create what Meta lacks, edit what
 * changed where Meta allows an edit, delete only with --prune, and say why anything is skipped.
 * Pure, so the rules are tested without a network.
 */
import type { TemplateStatus } from '@parley/contract';
import type { DiffEntry } from '@parley/templates';

/** Meta accepts an edit only while a template is in one of these states. */
const EDITABLE_STATUSES: ReadonlySet<TemplateStatus> = new Set(['approved', 'rejected', 'paused']);

export type PushAction =
  | { kind: 'create'; name: string; language: string; reason: string }
  | { kind: 'edit'; name: string; language: string; id: string; reason: string }
  | { kind: 'delete'; name: string; language: string; id?: string; reason: string }
  /** Not touched: already what the file says, or not allowed / not asked for; `reason` says which. */
  | { kind: 'skip'; name: string; language: string; reason: string; problem: boolean }
  | { kind: 'unchanged'; name: string; language: string; reason: string };

export interface PlanOptions {
  prune: boolean;
  /** Only these template names; default every template. */
  names?: Set<string>;
}

export function planPush(diff: DiffEntry[], options: PlanOptions): PushAction[] {
  return diff.filter((entry) => !options.names || options.names.has(entry.name)).map((entry) => actionFor(entry, options.prune));
}

function actionFor(entry: DiffEntry, prune: boolean): PushAction {
  const { name, language } = entry;
  switch (entry.kind) {
    case 'new':
      return { kind: 'create', name, language, reason: entry.reason };
    case 'unchanged':
      return { kind: 'unchanged', name, language, reason: entry.reason };
    case 'changed': {
      const status = entry.state?.status;
      const id = entry.state?.id;
      if (!status || !id) return { kind: 'create', name, language, reason: entry.reason };
      if (!EDITABLE_STATUSES.has(status))
        return {
          kind: 'skip',
          name,
          language,
          problem: true,
          reason: `changed, but Meta allows edits only to approved, rejected or paused templates and this one is ${status.replaceAll('_', ' ')}; push again once it is reviewed`,
        };
      return { kind: 'edit', name, language, id, reason: entry.reason };
    }
    case 'remote-only':
    case 'removed-locally': {
      const onMeta = entry.state !== undefined && entry.state.status !== 'deleted';
      if (!onMeta) return { kind: 'skip', name, language, problem: false, reason: `${entry.reason}; Meta no longer has it` };
      if (!prune) return { kind: 'skip', name, language, problem: false, reason: `${entry.reason}; not deleted without --prune` };
      return { kind: 'delete', name, language, ...(entry.state?.id ? { id: entry.state.id } : {}), reason: entry.reason };
    }
  }
}
