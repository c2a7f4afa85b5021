import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Claim, ConversationId, InboxItem, InboxStore } from '../types';
import { convKey } from './keys';
import { LUA_HELPERS, LuaScript } from './script';

const CLAIM_SCAN = 50;

const APPEND = new LuaScript('inbox.append', `${LUA_HELPERS}
local P, conv, item, at, dd, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
if dd ~= '' then
  if not redis.call('SET', P .. 'dd:' .. dd, '1', 'NX', 'EX', ttl) then return 0 end
end
redis.call('RPUSH', ck(P, conv, 'i'), item)
redis.call('ZADD', P .. 'ready', 'NX', at, conv)
return 1`);

const CLAIM = new LuaScript('inbox.claim', `${LUA_HELPERS}
local P, now, lease, token, scan = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5]
local cands = redis.call('ZRANGEBYSCORE', P .. 'ready', '-inf', now, 'LIMIT', 0, scan)
for _, conv in ipairs(cands) do
  if redis.call('SET', ck(P, conv, 'wl'), token, 'NX', 'PX', lease) then
    redis.call('ZADD', P .. 'ready', now + lease, conv)
    return conv
  end
end
return false`);

const RENEW = new LuaScript('inbox.renew', `${LUA_HELPERS}
local P, conv, token, now, lease = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
if redis.call('GET', ck(P, conv, 'wl')) ~= token then return 0 end
redis.call('PEXPIRE', ck(P, conv, 'wl'), lease)
redis.call('ZADD', P .. 'ready', 'XX', now + lease, conv)
return 1`);

const RELEASE = new LuaScript('inbox.release', `${LUA_HELPERS}
local P, conv, token, at = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if redis.call('GET', ck(P, conv, 'wl')) ~= token then return 0 end
redis.call('DEL', ck(P, conv, 'wl'))
if redis.call('LLEN', ck(P, conv, 'i')) > 0 then
  redis.call('ZADD', P .. 'ready', at, conv)
else
  redis.call('ZREM', P .. 'ready', conv)
end
return 1`);

export class RedisInboxStore implements InboxStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async append(conv: ConversationId, item: InboxItem, dedupe?: { key: string; ttlSec: number }): Promise<boolean> {
    const res = await APPEND.run(this.redis, [
      this.prefix, conv, JSON.stringify(item), item.receivedAt, dedupe?.key ?? '', dedupe?.ttlSec ?? 0,
    ]);
    return res === 1;
  }

  async claim(now: number, leaseMs: number): Promise<Claim | null> {
    const token = randomUUID();
    const conv = await CLAIM.run(this.redis, [this.prefix, now, leaseMs, token, CLAIM_SCAN]);
    return typeof conv === 'string' ? { conv, token } : null;
  }

  async renew(claim: Claim, now: number, leaseMs: number): Promise<boolean> {
    return (await RENEW.run(this.redis, [this.prefix, claim.conv, claim.token, now, leaseMs])) === 1;
  }

  async release(claim: Claim, now: number, delayMs: number): Promise<void> {
    await RELEASE.run(this.redis, [this.prefix, claim.conv, claim.token, now + delayMs]);
  }

  async peek(conv: ConversationId): Promise<InboxItem | null> {
    const raw = await this.redis.lindex(convKey(this.prefix, conv, 'i'), 0);
    return raw ? (JSON.parse(raw) as InboxItem) : null;
  }

  async length(conv: ConversationId): Promise<number> {
    return this.redis.llen(convKey(this.prefix, conv, 'i'));
  }

  async readyCount(): Promise<number> {
    return this.redis.zcard(`${this.prefix}ready`);
  }
}
