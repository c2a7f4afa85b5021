import type { ConversationId, DeskEntry } from '../../conversation';
import { storedConversationId } from '../../conversation';
import type { DeskStore } from '../interfaces';
import type { KeySpace } from './keys';
import type { RedisClient } from './script';

/** Each shard lists its open desks (`desk`, written by the worker commit); transcripts are per conversation (`h`). */
export class RedisDeskStore implements DeskStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
  ) {}

  async list(limit: number): Promise<Array<{ conv: ConversationId; since: number }>> {
    const perShard = await Promise.all(
      this.keys.all().map((shard) => this.redis.zrange(this.keys.index(shard, 'desk'), '0', String(limit - 1), 'WITHSCORES')),
    );
    const open: Array<{ conv: ConversationId; since: number }> = [];
    for (const flat of perShard)
      for (let i = 0; i + 1 < flat.length; i += 2) open.push({ conv: storedConversationId(flat[i]!), since: Number(flat[i + 1]) });
    return open.sort((a, b) => a.since - b.since).slice(0, limit);
  }

  async transcript(conv: ConversationId, limit: number): Promise<DeskEntry[]> {
    const raw = await this.redis.lrange(this.keys.conv(conv, 'h'), -limit, -1);
    return raw.map((line) => JSON.parse(line) as DeskEntry);
  }
}
