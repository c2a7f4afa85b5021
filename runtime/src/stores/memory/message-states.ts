/** Delivery states of sent messages, in memory. */
import type { ConversationId } from '../../conversation';
import type { MessageState, MessageStateStore } from '../interfaces';
import type { MemoryState } from './state';

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
