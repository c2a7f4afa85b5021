/** Delivery states of sent messages, in Redis. */
import type { ConversationId } from '../../conversation';
import type { MessageState, MessageStateStore } from '../interfaces';
import type { KeySpace } from './keys';
import type { RedisClient } from './script';

export class RedisMessageStateStore implements MessageStateStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
  ) {}

  async set(messageId: string, state: MessageState, ttlSec: number): Promise<void> {
    await this.redis.set(this.keys.message(state.conv, messageId), JSON.stringify(state), 'EX', ttlSec);
  }

  async get(conv: ConversationId, messageId: string): Promise<MessageState | null> {
    const raw = await this.redis.get(this.keys.message(conv, messageId));
    return raw ? (JSON.parse(raw) as MessageState) : null;
  }
}
