/**
 * The live template states a process works with: the status store's per tenant, cached for a
 * short time (a change applied in this process is in the cache at once; one applied by another
 * process is seen within `ttlMs`), over the lock file's states. The gate and the sender's last
 * check read the cache synchronously after one `fresh()` per step.
 */
import type { TemplateLanguageState } from '@parley/contract';
import type { TemplateStateStore } from '../stores';

export type TenantStates = Record<string, Record<string, TemplateLanguageState>>;

/** A change between two reads of the store, for listeners in processes that did not apply it. */
export interface StateChange {
  name: string;
  language: string;
  before: TemplateLanguageState | undefined;
  after: TemplateLanguageState;
}

export class TemplateStateCache {
  private readonly tenants = new Map<string, { states: TenantStates; until: number }>();
  private readonly loading = new Map<string, Promise<TenantStates>>();

  constructor(
    private readonly store: TemplateStateStore,
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The tenant's stored states, read again when the cached copy is older than the TTL (one read at a time per tenant). */
  async fresh(tenant: string): Promise<TenantStates> {
    const cached = this.tenants.get(tenant);
    if (cached && cached.until > this.clock()) return cached.states;
    return (await this.reload(tenant)).states;
  }

  /** Reads the store now; returns what changed since the cached copy (empty the first time). */
  async reload(tenant: string): Promise<{ states: TenantStates; changes: StateChange[] }> {
    const previous = this.tenants.get(tenant)?.states;
    let pending = this.loading.get(tenant);
    if (!pending) {
      pending = this.store.all(tenant).finally(() => this.loading.delete(tenant));
      this.loading.set(tenant, pending);
    }
    const states = await pending;
    this.tenants.set(tenant, { states, until: this.clock() + this.ttlMs });
    return { states, changes: previous ? changesBetween(previous, states) : [] };
  }

  /** What the last read (or apply) said; empty when the tenant was never read. */
  peek(tenant: string): TenantStates {
    return this.tenants.get(tenant)?.states ?? {};
  }

  /** A change this process applied: visible at once, without waiting for the TTL. */
  set(tenant: string, name: string, language: string, state: TemplateLanguageState): void {
    let entry = this.tenants.get(tenant);
    if (!entry) this.tenants.set(tenant, (entry = { states: {}, until: 0 }));
    entry.states = { ...entry.states, [name]: { ...entry.states[name], [language]: state } };
  }
}

/** The stored state wins over the lock's; languages of the file that neither knows are `not_submitted`. */
export function liveState(stored: TemplateLanguageState | undefined, locked: TemplateLanguageState | undefined): TemplateLanguageState {
  return stored ?? locked ?? { status: 'not_submitted' };
}

function changesBetween(before: TenantStates, after: TenantStates): StateChange[] {
  const changes: StateChange[] = [];
  for (const [name, languages] of Object.entries(after)) {
    for (const [language, state] of Object.entries(languages)) {
      const old = before[name]?.[language];
      if (!old || !sameState(old, state)) changes.push({ name, language, before: old, after: state });
    }
  }
  return changes;
}

/** Equal in everything but updatedAt. */
function sameState(a: TemplateLanguageState, b: TemplateLanguageState): boolean {
  const { updatedAt: _a, ...restA } = a;
  const { updatedAt: _b, ...restB } = b;
  const keys = new Set([...Object.keys(restA), ...Object.keys(restB)]);
  for (const key of keys) if ((restA as Record<string, unknown>)[key] !== (restB as Record<string, unknown>)[key]) return false;
  return true;
}
