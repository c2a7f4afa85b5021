import { randomUUID } from 'node:crypto';
import type { ConversationId, InboxItem } from '../../conversation';
import { storedConversationId } from '../../conversation';
import type { InboxStore, WorkClaim } from '../interfaces';
import { decodeState, type RawState } from './conversations';
import type { KeySpace } from './keys';
import { LUA_HELPERS, LuaScript, type RedisClient } from './script';
import { ShardCursor } from './shards';

const CLAIM_SCAN = 50;

/** KEYS[1] = the shard's ready index. Dedupe key and inbox share the shard's slot. */
const APPEND = new LuaScript(
  'inbox.append',
  `${LUA_HELPERS}
local T, conv, item, at, dd, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
if dd ~= '' then
  if not redis.call('SET', T .. 'dd:' .. dd, '1', 'NX', 'EX', ttl) then return 0 end
end
redis.call('RPUSH', ck(T, conv, 'i'), item)
redis.call('ZADD', KEYS[1], 'NX', at, conv)
return 1`,
);

/** Leases the oldest due conversation of the shard and returns it with its first item and state (one round trip). */
const CLAIM = new LuaScript(
  'inbox.claim',
  `${LUA_HELPERS}
local T, now, lease, token, scan = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5]
local cands = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, scan)
for _, conv in ipairs(cands) do
  if redis.call('SET', ck(T, conv, 'wl'), token, 'NX', 'PX', lease) then
    redis.call('ZADD', KEYS[1], now + lease, conv)
    return { conv, redis.call('LINDEX', ck(T, conv, 'i'), 0), convState(T, conv) }
  end
end
return false`,
);

const RENEW = new LuaScript(
  'inbox.renew',
  `${LUA_HELPERS}
local T, conv, token, now, lease = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
if redis.call('GET', ck(T, conv, 'wl')) ~= token then return 0 end
redis.call('PEXPIRE', ck(T, conv, 'wl'), lease)
redis.call('ZADD', KEYS[1], 'XX', now + lease, conv)
return 1`,
);

const RELEASE = new LuaScript(
  'inbox.release',
  `${LUA_HELPERS}
local T, conv, token, at = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if redis.call('GET', ck(T, conv, 'wl')) ~= token then return 0 end
redis.call('DEL', ck(T, conv, 'wl'))
if redis.call('LLEN', ck(T, conv, 'i')) > 0 then
  redis.call('ZADD', KEYS[1], at, conv)
else
  redis.call('ZREM', KEYS[1], conv)
end
return 1`,
);

export class RedisInboxStore implements InboxStore {
  private readonly cursor: ShardCursor;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
  ) {
    this.cursor = new ShardCursor(keys.shards);
  }

  private ready(shard: number): string {
    return this.keys.index(shard, 'ready');
  }

  async append(conv: ConversationId, item: InboxItem, dedupe?: { key: string; ttlSec: number }): Promise<boolean> {
    const shard = this.keys.shardOf(conv);
    const res = await APPEND.run(
      this.redis,
      [this.ready(shard)],
      [this.keys.tag(shard), conv, JSON.stringify(item), item.receivedAt, dedupe?.key ?? '', dedupe?.ttlSec ?? 0],
    );
    return res === 1;
  }

  /** Tries the shards in turn from a rotating start (each shard's own order is oldest first). */
  async claim(now: number, leaseMs: number): Promise<WorkClaim | null> {
    const token = randomUUID();
    return this.cursor.first(async (shard) => {
      const res = await CLAIM.run(this.redis, [this.ready(shard)], [this.keys.tag(shard), now, leaseMs, token, CLAIM_SCAN]);
      if (!Array.isArray(res)) return null;
      const [conv, head, state] = res as [string, string | null, RawState];
      return {
        conv: storedConversationId(conv),
        token,
        prefetched: { item: head ? (JSON.parse(head) as InboxItem) : null, state: decodeState(state) },
      };
    });
  }

  async renew(claim: WorkClaim, now: number, leaseMs: number): Promise<boolean> {
    const shard = this.keys.shardOf(claim.conv);
    return (await RENEW.run(this.redis, [this.ready(shard)], [this.keys.tag(shard), claim.conv, claim.token, now, leaseMs])) === 1;
  }

  async release(claim: WorkClaim, now: number, delayMs: number): Promise<void> {
    const shard = this.keys.shardOf(claim.conv);
    await RELEASE.run(this.redis, [this.ready(shard)], [this.keys.tag(shard), claim.conv, claim.token, now + delayMs]);
  }

  async peek(conv: ConversationId): Promise<InboxItem | null> {
    const raw = await this.redis.lindex(this.keys.conv(conv, 'i'), 0);
    return raw ? (JSON.parse(raw) as InboxItem) : null;
  }

  async length(conv: ConversationId): Promise<number> {
    return this.redis.llen(this.keys.conv(conv, 'i'));
  }

  async readyCount(): Promise<number> {
    const counts = await Promise.all(this.keys.all().map((shard) => this.redis.zcard(this.ready(shard))));
    return counts.reduce((a, b) => a + b, 0);
  }
}
