import type { ConversationId, OutboundItem } from '../../conversation';
import type { MessageState, OutboxStore, SendClaim } from '../interfaces';
import { LANES } from '../../conversation';
import type { MemoryState } from './state';

const CLAIM_SCAN = 50;

export class MemoryOutboxStore implements OutboxStore {
  constructor(private readonly s: MemoryState) {}

  async claim(now: number, leaseMs: number, batch = 1): Promise<SendClaim | null> {
    for (const lane of LANES) {
      for (const conv of this.s.sendLanes[lane].due(now, CLAIM_SCAN)) {
        const lease = this.s.sendLeases.get(conv);
        if (lease && lease.until > now) continue;
        const token = this.s.newToken();
        this.s.sendLeases.set(conv, { token, until: now + leaseMs });
        this.s.sendLanes[lane].scores.set(conv, now + leaseMs);
        const items = structuredClone((this.s.outbox.get(conv) ?? []).slice(0, batch));
        const sentIds = this.s.sent.get(conv);
        const sent: Record<string, string> = {};
        for (const item of items) {
          const id = sentIds?.get(item.key);
          if (id !== undefined) sent[item.key] = id;
        }
        const contact = this.s.contacts.get(conv);
        return { conv, token, lane, prefetched: { items, contact: contact ? { ...contact } : null, sent } };
      }
    }
    return null;
  }

  async head(conv: ConversationId): Promise<OutboundItem | null> {
    const item = this.s.outbox.get(conv)?.[0];
    return item ? structuredClone(item) : null;
  }

  private holds(claim: SendClaim): boolean {
    return this.s.sendLeases.get(claim.conv)?.token === claim.token;
  }

  private popHead(conv: ConversationId, key: string): boolean {
    const list = this.s.outbox.get(conv);
    if (!list || list[0]?.key !== key) return false;
    list.shift();
    if (list.length === 0) this.s.outbox.delete(conv);
    return true;
  }

  async ack(claim: SendClaim, key: string, messageId: string, record?: { state: MessageState; ttlSec: number }): Promise<boolean> {
    if (!this.holds(claim) || this.s.outbox.get(claim.conv)?.[0]?.key !== key) return false;
    if (record) this.s.messages.set(messageId, { state: structuredClone(record.state), expiresAt: Date.now() + record.ttlSec * 1000 });
    const sent = this.s.sent.get(claim.conv) ?? new Map<string, string>();
    sent.set(key, messageId);
    this.s.sent.set(claim.conv, sent);
    return this.popHead(claim.conv, key);
  }

  async drop(claim: SendClaim, key: string): Promise<boolean> {
    return this.holds(claim) && this.popHead(claim.conv, key);
  }

  async replaceHead(claim: SendClaim, item: OutboundItem): Promise<boolean> {
    const list = this.s.outbox.get(claim.conv);
    if (!this.holds(claim) || !list || list[0]?.key !== item.key) return false;
    list[0] = structuredClone(item);
    return true;
  }

  async release(claim: SendClaim, now: number, delayMs: number): Promise<void> {
    if (!this.holds(claim)) return;
    this.s.sendLeases.delete(claim.conv);
    this.s.scheduleSend(claim.conv, now + delayMs, true);
  }

  async enqueue(conv: ConversationId, item: OutboundItem, now: number): Promise<void> {
    const list = this.s.outbox.get(conv) ?? [];
    list.push(structuredClone(item));
    this.s.outbox.set(conv, list);
    this.s.scheduleSend(conv, now);
  }

  async sentId(conv: ConversationId, key: string): Promise<string | null> {
    return this.s.sent.get(conv)?.get(key) ?? null;
  }

  async recordSent(conv: ConversationId, key: string, messageId: string): Promise<void> {
    const sent = this.s.sent.get(conv) ?? new Map<string, string>();
    if (!sent.has(key)) sent.set(key, messageId);
    this.s.sent.set(conv, sent);
  }

  async pendingCount(): Promise<number> {
    return this.s.outbox.size;
  }
}
