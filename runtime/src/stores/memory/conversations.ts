import type { Commit, ContactState, ConversationId, ConversationState } from '../../conversation';
import type { Claim, CommitOptions, CommitResult, ConversationStore } from '../interfaces';
import { DESK_TRANSCRIPT_MAX } from '../../conversation';
import type { MemoryState } from './state';

export class MemoryConversationStore implements ConversationStore {
  constructor(private readonly s: MemoryState) {}

  async load(conv: ConversationId): Promise<ConversationState> {
    return this.s.conversationState(conv);
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
    if (c.requeue && c.requeue.length > 0) this.s.inbox.set(conv, [...structuredClone(c.requeue), ...(this.s.inbox.get(conv) ?? [])]);
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
    if (c.desk) {
      if (c.desk.close) this.s.desks.delete(conv);
      if (c.desk.open && !this.s.desks.has(conv)) this.s.desks.set(conv, { since: c.desk.open.since, transcript: [] });
      const desk = this.s.desks.get(conv);
      if (desk && c.desk.log) desk.transcript = [...desk.transcript, ...structuredClone(c.desk.log)].slice(-DESK_TRANSCRIPT_MAX);
    }
    if ((this.s.inbox.get(conv)?.length ?? 0) === 0) this.s.ready.scores.delete(conv);
    return 'ok';
  }

  async commitAndContinue(claim: Claim, c: Commit, now: number, options: CommitOptions): Promise<CommitResult> {
    if ((await this.commit(claim, c, now)) === 'lost-lease') return { status: 'lost-lease' };
    const head = this.s.inboxHead(claim.conv);
    if (!head && options.releaseWhenEmpty) {
      this.s.workLeases.delete(claim.conv);
      return { status: 'ok', released: true };
    }
    return options.next ? { status: 'ok', next: { item: head, state: this.s.conversationState(claim.conv) } } : { status: 'ok' };
  }

  async countSessions(): Promise<number> {
    return this.s.sessions.size;
  }
}
