import type { ConversationId, DeskEntry } from '../../conversation';
import type { DeskStore } from '../interfaces';
import type { MemoryState } from './state';

export class MemoryDeskStore implements DeskStore {
  constructor(private readonly s: MemoryState) {}

  async list(limit: number): Promise<Array<{ conv: ConversationId; since: number }>> {
    return [...this.s.desks]
      .map(([conv, d]) => ({ conv, since: d.since }))
      .sort((a, b) => a.since - b.since)
      .slice(0, limit);
  }

  async transcript(conv: ConversationId, limit: number): Promise<DeskEntry[]> {
    return structuredClone((this.s.desks.get(conv)?.transcript ?? []).slice(-limit));
  }
}
