import { storedConversationId } from '../../conversation';
import type { TimerStore } from '../interfaces';
import type { MemoryState } from './state';

export class MemoryTimerStore implements TimerStore {
  constructor(private readonly s: MemoryState) {}

  async fireDue(now: number, limit: number): Promise<number> {
    let fired = 0;
    for (const member of this.s.timerIndex.due(now, limit)) {
      this.s.timerIndex.scores.delete(member);
      const cut = member.indexOf('\n');
      const conv = storedConversationId(member.slice(0, cut));
      const timerId = member.slice(cut + 1);
      const timers = this.s.timers.get(conv);
      const timer = timers?.get(timerId);
      if (!timer) continue;
      timers?.delete(timerId);
      if (timers && timers.size === 0) this.s.timers.delete(conv);
      const list = this.s.inbox.get(conv) ?? [];
      list.push({ kind: 'timer', timerId, sprint: timer.sprint, receivedAt: now });
      this.s.inbox.set(conv, list);
      if (!this.s.ready.scores.has(conv)) this.s.ready.scores.set(conv, now);
      fired++;
    }
    return fired;
  }

  async nextDue(): Promise<number | null> {
    return this.s.timerIndex.min();
  }
}
