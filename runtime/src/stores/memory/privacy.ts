/** A person's conversation state, exported and erased, in memory (see PrivacyStore). */
import type { ConversationId } from '../../conversation';
import type { ConversationData, PrivacyStore } from '../interfaces';
import { namesConversation } from '../privacy-match';
import type { MemoryState } from './state';

export class MemoryPrivacyStore implements PrivacyStore {
  constructor(private readonly s: MemoryState) {}

  async exportConversation(conv: ConversationId): Promise<ConversationData> {
    const state = this.s.conversationState(conv);
    const desk = this.s.desks.get(conv);
    const now = Date.now();
    return structuredClone({
      conv,
      session: state.session,
      contact: state.contact,
      timers: state.timers,
      inbox: this.s.inbox.get(conv) ?? [],
      outbox: this.s.outbox.get(conv) ?? [],
      sent: Object.fromEntries(this.s.sent.get(conv) ?? []),
      messages: [...this.s.messages]
        .filter(([, m]) => m.state.conv === conv && m.expiresAt > now)
        .map(([messageId, m]) => ({ ...m.state, messageId })),
      desk: desk ? { since: desk.since, transcript: desk.transcript } : null,
      deadLetters: [...this.s.deadLetters.values()].filter((d) => d.conv === conv),
    });
  }

  async eraseConversation(conv: ConversationId, opts: { terms?: readonly string[] } = {}): Promise<number> {
    const s = this.s;
    let removed = 0;
    const drop = <K>(map: Map<K, unknown>, key: K) => {
      if (map.delete(key)) removed++;
    };
    for (const map of [s.inbox, s.workLeases, s.sessions, s.contacts, s.timers, s.outbox, s.sendLeases, s.sent, s.desks] as Array<
      Map<ConversationId, unknown>
    >)
      drop(map, conv);
    for (const index of [s.ready, s.sendLanes[0], s.sendLanes[1], s.sendLanes[2]]) drop(index.scores, conv);
    for (const member of [...s.timerIndex.scores.keys()]) if (member.startsWith(`${conv}\n`)) drop(s.timerIndex.scores, member);
    for (const [id, m] of [...s.messages]) if (m.state.conv === conv) drop(s.messages, id);
    for (const [id, letter] of [...s.deadLetters]) if (letter.conv === conv) drop(s.deadLetters, id);
    for (const key of [...s.dedupe.keys()]) if (namesConversation(key, conv, opts.terms)) drop(s.dedupe, key);
    return removed;
  }
}
