/** Template states and pinned template contents, in memory (the same merge rules as the Redis script). */
import type { TemplateLanguageState } from '@parley/contract';
import type { KeptTemplate, TemplateContentStore, TemplateStateMerge, TemplateStatePatch, TemplateStateStore } from '../interfaces';

/**
 * The merge both implementations follow: null removes a field; only fields other than updatedAt
 * count as a change; a patch whose updatedAt is in an earlier second than the state's is stale.
 */
function mergeTemplateState(
  before: TemplateLanguageState | null,
  patch: TemplateStatePatch,
): { after: TemplateLanguageState; changed: boolean } {
  if (isStale(before, patch)) return { after: before!, changed: false };
  const after: Record<string, unknown> = { ...(before ?? {}) };
  let changed = before === null;
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const differs = value === null ? field in after : after[field] !== value;
    if (!differs) continue;
    if (value === null) delete after[field];
    else after[field] = value;
    if (field !== 'updatedAt') changed = true;
  }
  after.status ??= 'not_submitted';
  return { after: after as TemplateLanguageState, changed };
}

/** A patch from an earlier second than the state's last change (a late webhook, a pull that raced one) changes nothing. */
function isStale(before: TemplateLanguageState | null, patch: TemplateStatePatch): boolean {
  const at = patch.updatedAt;
  const last = before?.updatedAt;
  return typeof at === 'number' && typeof last === 'number' && Math.floor(at / 1000) < Math.floor(last / 1000);
}

export class MemoryTemplateStateStore implements TemplateStateStore {
  private readonly tenants = new Map<string, Map<string, Map<string, TemplateLanguageState>>>();

  async all(tenant: string): Promise<Record<string, Record<string, TemplateLanguageState>>> {
    const out: Record<string, Record<string, TemplateLanguageState>> = {};
    for (const [name, languages] of this.tenants.get(tenant) ?? []) {
      out[name] = {};
      for (const [language, state] of languages) out[name][language] = { ...state };
    }
    return out;
  }

  async merge(
    tenant: string,
    name: string,
    language: string,
    patch: TemplateStatePatch,
    base?: TemplateLanguageState,
  ): Promise<TemplateStateMerge> {
    let names = this.tenants.get(tenant);
    if (!names) this.tenants.set(tenant, (names = new Map()));
    let languages = names.get(name);
    if (!languages) names.set(name, (languages = new Map()));
    const stored = languages.get(language);
    const before = stored ? { ...stored } : base ? { ...base } : null;
    const { after, changed } = mergeTemplateState(before, patch);
    if (changed) languages.set(language, after);
    // Nothing written: the state after is the one before (its updatedAt too).
    return { before, after: changed || !before ? { ...after } : { ...before }, changed };
  }
}

export class MemoryTemplateContentStore implements TemplateContentStore {
  private readonly contents = new Map<string, string>();

  async put(content: KeptTemplate): Promise<void> {
    if (!this.contents.has(content.hash)) this.contents.set(content.hash, JSON.stringify(content));
  }

  async get(hash: string): Promise<KeptTemplate | null> {
    const raw = this.contents.get(hash);
    return raw === undefined ? null : (JSON.parse(raw) as KeptTemplate);
  }
}
