/** Analytics counters, in Redis. */
import type { CounterIncrement } from '../../conversation';
import type { CounterStore } from '../interfaces';
import type { KeySpace } from './keys';
import type { RedisClient } from './script';

/**
 * Counters live in the shards' `cnt:` hashes: a worker commit increments them atomically in
 * its conversation's shard, so a key's total is the sum over the shards.
 */
export class RedisCounterStore implements CounterStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
  ) {}

  async incr(items: CounterIncrement[]): Promise<void> {
    // One command per increment (a MULTI cannot span the shards' slots on a cluster).
    await Promise.all(
      items.map((inc) => this.redis.hincrby(this.keys.index(this.keys.shardOf(inc.key), `cnt:${inc.key}`), inc.field, inc.by)),
    );
  }

  async read(key: string): Promise<Record<string, number>> {
    const parts = await Promise.all(this.keys.all().map((shard) => this.redis.hgetall(this.keys.index(shard, `cnt:${key}`))));
    const total: Record<string, number> = {};
    for (const part of parts) for (const [field, n] of Object.entries(part)) total[field] = (total[field] ?? 0) + Number(n);
    return total;
  }
}
