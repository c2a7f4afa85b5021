/** Dead letters, in Redis. */
import type { DeadLetter, DeadLetterStore, NewDeadLetter } from '../interfaces';
import type { RedisClient } from './script';

/** The letters' keys share one hash tag, so their MULTI is valid on a cluster. */
export class RedisDeadLetterStore implements DeadLetterStore {
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.prefix = `${prefix}{dl}`;
  }

  async add(letter: NewDeadLetter): Promise<string> {
    const id = `dl${await this.redis.incr(`${this.prefix}dl:seq`)}`;
    await this.redis
      .multi()
      .hset(`${this.prefix}dl`, id, JSON.stringify({ ...letter, id }))
      .zadd(`${this.prefix}dl:z`, letter.at, id)
      .exec();
    return id;
  }

  async list(limit: number): Promise<DeadLetter[]> {
    const ids = await this.redis.zrevrange(`${this.prefix}dl:z`, 0, limit - 1);
    if (ids.length === 0) return [];
    const raws = await this.redis.hmget(`${this.prefix}dl`, ...ids);
    return raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as DeadLetter);
  }

  async count(): Promise<number> {
    return this.redis.zcard(`${this.prefix}dl:z`);
  }

  async take(id: string): Promise<DeadLetter | null> {
    const res = await this.redis.multi().hget(`${this.prefix}dl`, id).hdel(`${this.prefix}dl`, id).zrem(`${this.prefix}dl:z`, id).exec();
    const raw = res?.[0]?.[1];
    return typeof raw === 'string' ? (JSON.parse(raw) as DeadLetter) : null;
  }
}
