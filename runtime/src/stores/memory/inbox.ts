import type { ConversationId, InboxItem } from '../../conversation';
import type { Claim, InboxStore, WorkClaim } from '../interfaces';
import type { MemoryState } from './state';

/** Candidates scanned per claim; leased conversations among them are skipped. */
const CLAIM_SCAN = 50;
/** Expired dedupe keys are swept when the map grows past this (dev/test memory only). */
const DEDUPE_SWEEP_AT = 100_000;

export class MemoryInboxStore implements InboxStore {
  constructor(
    private readonly s: MemoryState,
    private readonly clock: () => number = Date.now,
  ) {}

  async append(conv: ConversationId, item: InboxItem, dedupe?: { key: string; ttlSec: number }): Promise<boolean> {
    if (dedupe) {
      const now = this.clock();
      const until = this.s.dedupe.get(dedupe.key);
      if (until !== undefined && until > now) return false;
      this.s.dedupe.set(dedupe.key, now + dedupe.ttlSec * 1000);
      if (this.s.dedupe.size > DEDUPE_SWEEP_AT) for (const [k, until2] of this.s.dedupe) if (until2 <= now) this.s.dedupe.delete(k);
    }
    const list = this.s.inbox.get(conv) ?? [];
    list.push(structuredClone(item));
    this.s.inbox.set(conv, list);
    if (!this.s.ready.scores.has(conv)) this.s.ready.scores.set(conv, item.receivedAt);
    return true;
  }

  async claim(now: number, leaseMs: number): Promise<WorkClaim | null> {
    for (const conv of this.s.ready.due(now, CLAIM_SCAN)) {
      const lease = this.s.workLeases.get(conv);
      if (lease && lease.until > now) continue;
      const token = this.s.newToken();
      this.s.workLeases.set(conv, { token, until: now + leaseMs });
      this.s.ready.scores.set(conv, now + leaseMs);
      return { conv, token, prefetched: { item: this.s.inboxHead(conv), state: this.s.conversationState(conv) } };
    }
    return null;
  }

  async renew(claim: Claim, now: number, leaseMs: number): Promise<boolean> {
    const lease = this.s.workLeases.get(claim.conv);
    if (!lease || lease.token !== claim.token || lease.until <= now) return false;
    lease.until = now + leaseMs;
    if (this.s.ready.scores.has(claim.conv)) this.s.ready.scores.set(claim.conv, now + leaseMs);
    return true;
  }

  async release(claim: Claim, now: number, delayMs: number): Promise<void> {
    const lease = this.s.workLeases.get(claim.conv);
    if (!lease || lease.token !== claim.token) return;
    this.s.workLeases.delete(claim.conv);
    if ((this.s.inbox.get(claim.conv)?.length ?? 0) > 0) this.s.ready.scores.set(claim.conv, now + delayMs);
    else this.s.ready.scores.delete(claim.conv);
  }

  async peek(conv: ConversationId): Promise<InboxItem | null> {
    return this.s.inboxHead(conv);
  }

  async length(conv: ConversationId): Promise<number> {
    return this.s.inbox.get(conv)?.length ?? 0;
  }

  async readyCount(): Promise<number> {
    return this.s.ready.scores.size;
  }
}
