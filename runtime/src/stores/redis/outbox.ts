import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ConversationId, Lane, OutboundItem, OutboxStore, SendClaim } from '../types';
import { convKey } from './keys';
import { LUA_HELPERS, LuaScript } from './script';

const CLAIM_SCAN = 50;
/** How long "sent" idempotency records are kept after the last send. */
const SENT_TTL_MS = 3 * 24 * 3600 * 1000;

const CLAIM = new LuaScript('outbox.claim', `${LUA_HELPERS}
local P, now, lease, token, scan = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5]
for lane = 0, 2 do
  local cands = redis.call('ZRANGEBYSCORE', P .. 'send:' .. lane, '-inf', now, 'LIMIT', 0, scan)
  for _, conv in ipairs(cands) do
    if redis.call('SET', ck(P, conv, 'sl'), token, 'NX', 'PX', lease) then
      redis.call('ZADD', P .. 'send:' .. lane, now + lease, conv)
      return { conv, lane }
    end
  end
end
return false`);

/** mode: 'ack' records the sent id; 'drop' just pops. Pops only when the head has the given key. */
const POP = new LuaScript('outbox.pop', `${LUA_HELPERS}
local P, conv, token, key, mode, msgId, sentTtl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
if redis.call('GET', ck(P, conv, 'sl')) ~= token then return 0 end
local head = redis.call('LINDEX', ck(P, conv, 'o'), 0)
if not head or cjson.decode(head).key ~= key then return 0 end
redis.call('LPOP', ck(P, conv, 'o'))
if mode == 'ack' then
  redis.call('HSET', ck(P, conv, 'x'), key, msgId)
  redis.call('PEXPIRE', ck(P, conv, 'x'), sentTtl)
end
return 1`);

const REPLACE = new LuaScript('outbox.replace', `${LUA_HELPERS}
local P, conv, token, key, item = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
if redis.call('GET', ck(P, conv, 'sl')) ~= token then return 0 end
local head = redis.call('LINDEX', ck(P, conv, 'o'), 0)
if not head or cjson.decode(head).key ~= key then return 0 end
redis.call('LSET', ck(P, conv, 'o'), 0, item)
return 1`);

const RELEASE = new LuaScript('outbox.release', `${LUA_HELPERS}
local P, conv, token, at = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
if redis.call('GET', ck(P, conv, 'sl')) ~= token then return 0 end
redis.call('DEL', ck(P, conv, 'sl'))
scheduleSend(P, conv, at, true)
return 1`);

const ENQUEUE = new LuaScript('outbox.enqueue', `${LUA_HELPERS}
local P, conv, item, now = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
redis.call('RPUSH', ck(P, conv, 'o'), item)
scheduleSend(P, conv, now, false)
return 1`);

export class RedisOutboxStore implements OutboxStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async claim(now: number, leaseMs: number): Promise<SendClaim | null> {
    const token = randomUUID();
    const res = await CLAIM.run(this.redis, [this.prefix, now, leaseMs, token, CLAIM_SCAN]);
    if (!Array.isArray(res)) return null;
    return { conv: String(res[0]), lane: Number(res[1]) as Lane, token };
  }

  async head(conv: ConversationId): Promise<OutboundItem | null> {
    const raw = await this.redis.lindex(convKey(this.prefix, conv, 'o'), 0);
    return raw ? (JSON.parse(raw) as OutboundItem) : null;
  }

  async ack(claim: SendClaim, key: string, messageId: string): Promise<boolean> {
    return (await POP.run(this.redis, [this.prefix, claim.conv, claim.token, key, 'ack', messageId, SENT_TTL_MS])) === 1;
  }

  async drop(claim: SendClaim, key: string): Promise<boolean> {
    return (await POP.run(this.redis, [this.prefix, claim.conv, claim.token, key, 'drop', '', SENT_TTL_MS])) === 1;
  }

  async replaceHead(claim: SendClaim, item: OutboundItem): Promise<boolean> {
    return (await REPLACE.run(this.redis, [this.prefix, claim.conv, claim.token, item.key, JSON.stringify(item)])) === 1;
  }

  async release(claim: SendClaim, now: number, delayMs: number): Promise<void> {
    await RELEASE.run(this.redis, [this.prefix, claim.conv, claim.token, now + delayMs]);
  }

  async enqueue(conv: ConversationId, item: OutboundItem, now: number): Promise<void> {
    await ENQUEUE.run(this.redis, [this.prefix, conv, JSON.stringify(item), now]);
  }

  async sentId(conv: ConversationId, key: string): Promise<string | null> {
    return this.redis.hget(convKey(this.prefix, conv, 'x'), key);
  }

  async pendingCount(): Promise<number> {
    const p = this.prefix;
    const res = await this.redis.multi().zcard(`${p}send:0`).zcard(`${p}send:1`).zcard(`${p}send:2`).exec();
    return (res ?? []).reduce((sum, [, n]) => sum + Number(n ?? 0), 0);
  }
}
