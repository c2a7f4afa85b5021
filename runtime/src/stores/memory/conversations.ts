import type { Claim, Commit, ContactState, ConversationId, ConversationState, ConversationStore } from '../types';
import type { MemoryState } from './state';

export class MemoryConversationStore implements ConversationStore {
  constructor(private readonly s: MemoryState) {}

  async load(conv: ConversationId): Promise<ConversationState> {
    const entry = this.s.sessions.get(conv);
    const now = Date.now();
    const session = entry && entry.expiresAt > now ? structuredClone(entry.session) : null;
    const timers: Record<string, number> = {};
    for (const [id, t] of this.s.timers.get(conv) ?? []) timers[id] = t.sprint;
    const contact = this.s.contacts.get(conv);
    return { session, contact: contact ? { ...contact } : null, timers };
  }

  async contact(conv: ConversationId): Promise<ContactState | null> {
    const c = this.s.contacts.get(conv);
    return c ? { ...c } : null;
  }

  async commit(claim: Claim, c: Commit, now: number): Promise<'ok' | 'lost-lease'> {
    const { conv } = claim;
    const lease = this.s.workLeases.get(conv);
    if (!lease || lease.token !== claim.token) return 'lost-lease';
    if (c.session === null) this.s.sessions.delete(conv);
    else if (c.session) this.s.sessions.set(conv, { session: structuredClone(c.session), expiresAt: now + c.sessionTtlSec * 1000 });
    if (c.popInbox) {
      const list = this.s.inbox.get(conv);
      list?.shift();
      if (list && list.length === 0) this.s.inbox.delete(conv);
    }
    if (c.outbound.length > 0) {
      const out = this.s.outbox.get(conv) ?? [];
      out.push(...structuredClone(c.outbound));
      this.s.outbox.set(conv, out);
      this.s.scheduleSend(conv, now);
    }
    const timers = this.s.timers.get(conv) ?? new Map<string, { sprint: number; dueAt: number }>();
    for (const id of c.timersCancel) {
      timers.delete(id);
      this.s.timerIndex.scores.delete(`${conv}\n${id}`);
    }
    for (const t of c.timersSet) {
      timers.set(t.timerId, { sprint: t.sprint, dueAt: t.dueAt });
      this.s.timerIndex.scores.set(`${conv}\n${t.timerId}`, t.dueAt);
    }
    if (timers.size > 0) this.s.timers.set(conv, timers);
    else this.s.timers.delete(conv);
    for (const inc of c.counters) {
      const h = this.s.counters.get(inc.key) ?? new Map<string, number>();
      h.set(inc.field, (h.get(inc.field) ?? 0) + inc.by);
      this.s.counters.set(inc.key, h);
    }
    if (c.contact) this.s.contacts.set(conv, { ...this.s.contacts.get(conv), ...c.contact });
    if ((this.s.inbox.get(conv)?.length ?? 0) === 0) this.s.ready.scores.delete(conv);
    return 'ok';
  }

  async countSessions(): Promise<number> {
    return this.s.sessions.size;
  }
}
