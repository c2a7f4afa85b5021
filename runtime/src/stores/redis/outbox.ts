import { randomUUID } from 'node:crypto';
import type { ConversationId, Lane, OutboundItem } from '../../conversation';
import { storedConversationId } from '../../conversation';
import type { MessageState, OutboxStore, SendClaim } from '../interfaces';
import { decodeContact } from './conversations';
import type { KeySpace } from './keys';
import { encodeJson } from './json';
import { LUA_HELPERS, LuaScript, pairs, type RedisClient } from './script';
import { ShardCursor } from './shards';

const CLAIM_SCAN = 50;
/** How long "sent" idempotency records are kept after the last send. */
const SENT_TTL_MS = 3 * 24 * 3600 * 1000;

/**
 * Leases the most urgent due conversation of the shard on lanes 0..maxLane and returns its first
 * `batch` items, its contact and which of those items were already sent (one round trip). With
 * nothing claimable it returns the lowest lane with due work above maxLane (or -1), so a second
 * pass only visits shards that have some.
 * KEYS[1] = the shard's lane-0 index (the other lanes share its slot).
 */
const CLAIM = new LuaScript(
  'outbox.claim',
  `${LUA_HELPERS}
local T, now, lease, token, scan, maxLane, batch = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7])
for lane = 0, maxLane do
  local cands = redis.call('ZRANGEBYSCORE', T .. 'send:' .. lane, '-inf', now, 'LIMIT', 0, scan)
  for _, conv in ipairs(cands) do
    if redis.call('SET', ck(T, conv, 'sl'), token, 'NX', 'PX', lease) then
      redis.call('ZADD', T .. 'send:' .. lane, now + lease, conv)
      local items = redis.call('LRANGE', ck(T, conv, 'o'), 0, batch - 1)
      local sent = {}
      if redis.call('EXISTS', ck(T, conv, 'x')) == 1 then
        for _, raw in ipairs(items) do
          local key = itemHead(raw)
          local id = key and redis.call('HGET', ck(T, conv, 'x'), key)
          if id then sent[#sent + 1] = key; sent[#sent + 1] = id end
        end
      end
      return { conv, lane, items, redis.call('HGETALL', ck(T, conv, 'c')), sent }
    end
  end
end
for lane = maxLane + 1, 2 do
  if #redis.call('ZRANGEBYSCORE', T .. 'send:' .. lane, '-inf', now, 'LIMIT', 0, 1) > 0 then return lane end
end
return -1`,
);

/** mode: 'ack' records the sent id (and the message state, when given); 'drop' just pops. Pops only when the head has the given key. */
const POP = new LuaScript(
  'outbox.pop',
  `${LUA_HELPERS}
local T, conv, token, key, mode, msgId, sentTtl, record, recordTtl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9]
if redis.call('GET', ck(T, conv, 'sl')) ~= token then return 0 end
local head = redis.call('LINDEX', ck(T, conv, 'o'), 0)
if not head or itemHead(head) ~= key then return 0 end
redis.call('LPOP', ck(T, conv, 'o'))
if mode == 'ack' then
  redis.call('HSET', ck(T, conv, 'x'), key, msgId)
  redis.call('PEXPIRE', ck(T, conv, 'x'), sentTtl)
  if record ~= '' then redis.call('SET', ck(T, conv, 'm:' .. msgId), record, 'EX', recordTtl) end
end
return 1`,
);

const REPLACE = new LuaScript(
  'outbox.replace',
  `${LUA_HELPERS}
local T, conv, token, key, item = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
if redis.call('GET', ck(T, conv, 'sl')) ~= token then return 0 end
local head = redis.call('LINDEX', ck(T, conv, 'o'), 0)
if not head or itemHead(head) ~= key then return 0 end
redis.call('LSET', ck(T, conv, 'o'), 0, item)
return 1`,
);

const RELEASE = new LuaScript(
  'outbox.release',
  `${LUA_HELPERS}
local T, conv, token, at = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
if redis.call('GET', ck(T, conv, 'sl')) ~= token then return 0 end
redis.call('DEL', ck(T, conv, 'sl'))
scheduleSend(T, conv, at, true)
return 1`,
);

const ENQUEUE = new LuaScript(
  'outbox.enqueue',
  `${LUA_HELPERS}
local T, conv, item, now = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
redis.call('RPUSH', ck(T, conv, 'o'), item)
scheduleSend(T, conv, now, false)
return 1`,
);

const RECORD_SENT = new LuaScript(
  'outbox.recordSent',
  `${LUA_HELPERS}
local T, conv, key, msgId, sentTtl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
if redis.call('HSETNX', ck(T, conv, 'x'), key, msgId) == 1 then redis.call('PEXPIRE', ck(T, conv, 'x'), sentTtl) end
return 1`,
);

export class RedisOutboxStore implements OutboxStore {
  private readonly cursor: ShardCursor;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
  ) {
    this.cursor = new ShardCursor(keys.shards);
  }

  private anchor(shard: number): string {
    return this.keys.index(shard, 'send:0');
  }

  private run(script: LuaScript, conv: ConversationId, args: Array<string | number>): Promise<unknown> {
    const shard = this.keys.shardOf(conv);
    return script.run(this.redis, [this.anchor(shard)], [this.keys.tag(shard), conv, ...args]);
  }

  /**
   * Replies first across all shards: a first pass claims only lane 0 and notes which shards
   * have lower-priority work due; only those are visited for lanes 1–2.
   */
  async claim(now: number, leaseMs: number, batch = 1): Promise<SendClaim | null> {
    const token = randomUUID();
    const lowerDue = new Set<number>();
    const attempt =
      (maxLane: number) =>
      async (shard: number): Promise<SendClaim | null> => {
        const res = await CLAIM.run(
          this.redis,
          [this.anchor(shard)],
          [this.keys.tag(shard), now, leaseMs, token, CLAIM_SCAN, maxLane, batch],
        );
        if (!Array.isArray(res)) {
          if (Number(res) > maxLane) lowerDue.add(shard);
          return null;
        }
        const [conv, lane, items, contact, sent] = res as [string, number, string[], string[], string[]];
        return {
          conv: storedConversationId(conv),
          lane: lane as Lane,
          token,
          prefetched: {
            items: items.map((raw) => JSON.parse(raw) as OutboundItem),
            contact: decodeContact(pairs(contact)),
            sent: pairs(sent),
          },
        };
      };
    return (
      (await this.cursor.first(attempt(0))) ?? (lowerDue.size > 0 ? this.cursor.first(attempt(2), (shard) => lowerDue.has(shard)) : null)
    );
  }

  async head(conv: ConversationId): Promise<OutboundItem | null> {
    const raw = await this.redis.lindex(this.keys.conv(conv, 'o'), 0);
    return raw ? (JSON.parse(raw) as OutboundItem) : null;
  }

  async ack(claim: SendClaim, key: string, messageId: string, record?: { state: MessageState; ttlSec: number }): Promise<boolean> {
    const state = record ? [JSON.stringify(record.state), record.ttlSec] : ['', 0];
    return (await this.run(POP, claim.conv, [claim.token, key, 'ack', messageId, SENT_TTL_MS, ...state])) === 1;
  }

  async drop(claim: SendClaim, key: string): Promise<boolean> {
    return (await this.run(POP, claim.conv, [claim.token, key, 'drop', '', SENT_TTL_MS, '', 0])) === 1;
  }

  async replaceHead(claim: SendClaim, item: OutboundItem): Promise<boolean> {
    return (await this.run(REPLACE, claim.conv, [claim.token, item.key, encodeJson(item)])) === 1;
  }

  async release(claim: SendClaim, now: number, delayMs: number): Promise<void> {
    await this.run(RELEASE, claim.conv, [claim.token, now + delayMs]);
  }

  async enqueue(conv: ConversationId, item: OutboundItem, now: number): Promise<void> {
    await this.run(ENQUEUE, conv, [encodeJson(item), now]);
  }

  async sentId(conv: ConversationId, key: string): Promise<string | null> {
    return this.redis.hget(this.keys.conv(conv, 'x'), key);
  }

  async recordSent(conv: ConversationId, key: string, messageId: string): Promise<void> {
    await this.run(RECORD_SENT, conv, [key, messageId, SENT_TTL_MS]);
  }

  async pendingCount(): Promise<number> {
    const counts = await Promise.all(
      this.keys.all().flatMap((shard) => [0, 1, 2].map((lane) => this.redis.zcard(this.keys.index(shard, `send:${lane}`)))),
    );
    return counts.reduce((a, b) => a + b, 0);
  }
}
