/** Trained NLU models, in Redis. */
import type { ModelStore } from '../interfaces';
import type { RedisClient } from './script';

/** One hash of serialized models; models are keyed by a hash of their training data, so they never go stale. */
export class RedisModelStore implements ModelStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async loadAll(): Promise<Map<string, string>> {
    return new Map(Object.entries(await this.redis.hgetall(`${this.prefix}nlu:models`)));
  }

  async put(key: string, value: string): Promise<void> {
    await this.redis.hset(`${this.prefix}nlu:models`, key, value);
  }
}
