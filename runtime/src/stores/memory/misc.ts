/** The small in-memory stores: flow versions, counters, dead letters, tenant pauses, message states, rate limits. */
import type {
  ConversationId, CounterIncrement, CounterStore, ModelStore, DeadLetter, DeadLetterStore, NewDeadLetter, FlowVersionRecord, FlowVersionStore, MessageState,
  MessageStateStore, RateLimiter, TenantStateStore,
} from '../types';
import type { MemoryState } from './state';

export class MemoryFlowVersionStore implements FlowVersionStore {
  constructor(private readonly s: MemoryState) {}

  async publish(record: Omit<FlowVersionRecord, 'version'>, opts: { force?: boolean } = {}): Promise<{ version: number; created: boolean }> {
    const list = this.s.flowVersions.get(record.flowId) ?? [];
    const last = list[list.length - 1];
    if (!opts.force && last && last.hash === record.hash) return { version: last.version, created: false };
    const version = list.length + 1;
    list.push(structuredClone({ ...record, version }));
    this.s.flowVersions.set(record.flowId, list);
    return { version, created: true };
  }

  async get(flowId: string, version: number): Promise<FlowVersionRecord | null> {
    const rec = this.s.flowVersions.get(flowId)?.[version - 1];
    return rec ? structuredClone(rec) : null;
  }

  async latest(flowId: string): Promise<FlowVersionRecord | null> {
    const list = this.s.flowVersions.get(flowId);
    const rec = list?.[list.length - 1];
    return rec ? structuredClone(rec) : null;
  }

  async list(flowId: string): Promise<Array<Omit<FlowVersionRecord, 'flow' | 'layout'>>> {
    return (this.s.flowVersions.get(flowId) ?? [])
      .map(({ flow: _f, layout: _l, ...meta }) => meta)
      .reverse();
  }
}

export class MemoryCounterStore implements CounterStore {
  constructor(private readonly s: MemoryState) {}

  async incr(items: CounterIncrement[]): Promise<void> {
    for (const inc of items) {
      const h = this.s.counters.get(inc.key) ?? new Map<string, number>();
      h.set(inc.field, (h.get(inc.field) ?? 0) + inc.by);
      this.s.counters.set(inc.key, h);
    }
  }

  async read(key: string): Promise<Record<string, number>> {
    return Object.fromEntries(this.s.counters.get(key) ?? []);
  }
}

export class MemoryDeadLetterStore implements DeadLetterStore {
  constructor(private readonly s: MemoryState) {}

  async add(letter: NewDeadLetter): Promise<string> {
    const id = `dl${this.s.nextId++}`;
    this.s.deadLetters.set(id, structuredClone({ ...letter, id }) as DeadLetter);
    return id;
  }

  async count(): Promise<number> {
    return this.s.deadLetters.size;
  }

  async list(limit: number): Promise<DeadLetter[]> {
    return [...this.s.deadLetters.values()].reverse().slice(0, limit).map((d) => structuredClone(d));
  }

  async take(id: string): Promise<DeadLetter | null> {
    const letter = this.s.deadLetters.get(id);
    if (!letter) return null;
    this.s.deadLetters.delete(id);
    return letter;
  }
}

export class MemoryTenantStateStore implements TenantStateStore {
  constructor(private readonly s: MemoryState) {}

  async pause(tenant: string, reason: string, now: number): Promise<void> {
    this.s.pausedTenants.set(tenant, { reason, at: now });
  }

  async resume(tenant: string): Promise<boolean> {
    return this.s.pausedTenants.delete(tenant);
  }

  async paused(tenant: string): Promise<{ reason: string; at: number } | null> {
    return this.s.pausedTenants.get(tenant) ?? null;
  }
}

export class MemoryMessageStateStore implements MessageStateStore {
  constructor(private readonly s: MemoryState) {}

  async set(messageId: string, state: MessageState, ttlSec: number): Promise<void> {
    const now = Date.now();
    this.s.messages.set(messageId, { state: structuredClone(state), expiresAt: now + ttlSec * 1000 });
    if (this.s.messages.size > 100_000) for (const [k, v] of this.s.messages) if (v.expiresAt <= now) this.s.messages.delete(k);
  }

  async get(conv: ConversationId, messageId: string): Promise<MessageState | null> {
    const entry = this.s.messages.get(messageId);
    if (entry && entry.state.conv !== conv) return null;
    return entry && entry.expiresAt > Date.now() ? structuredClone(entry.state) : null;
  }
}

export class MemoryRateLimiter implements RateLimiter {
  constructor(private readonly s: MemoryState) {}

  private readonly holds = new Map<string, number>();

  async hold(bucket: string, ms: number, now: number): Promise<void> {
    this.holds.set(bucket, Math.max(this.holds.get(bucket) ?? 0, now + ms));
  }

  async heldFor(bucket: string, now: number): Promise<number> {
    return Math.max(0, (this.holds.get(bucket) ?? 0) - now);
  }

  async take(bucket: string, limit: number, now: number): Promise<boolean> {
    return (await this.takeUpTo(bucket, limit, now, 1)) === 1;
  }

  async takeUpTo(bucket: string, limit: number, now: number, wanted: number): Promise<number> {
    if ((await this.heldFor(bucket, now)) > 0) return 0;
    const key = `${bucket}:${Math.floor(now / 1000)}`;
    const used = this.s.rate.get(key) ?? 0;
    const granted = Math.max(0, Math.min(Math.max(1, Math.floor(wanted)), limit - used));
    this.s.rate.set(key, used + granted);
    if (this.s.rate.size > 10_000) this.s.rate.clear();
    return granted;
  }
}

export class MemoryModelStore implements ModelStore {
  private readonly models = new Map<string, string>();

  async loadAll(): Promise<Map<string, string>> {
    return new Map(this.models);
  }

  async put(key: string, value: string): Promise<void> {
    this.models.set(key, value);
  }
}
