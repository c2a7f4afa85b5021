import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

/** A single Redis or a Redis Cluster: the stores use only commands both route the same way. */
export type RedisClient = Redis | Cluster;

/**
 * A Lua script run by SHA with a fallback to EVAL on NOSCRIPT (after a Redis restart or
 * SCRIPT FLUSH). `keys` are declared as KEYS so a cluster client routes the call to the node
 * of their slot; the per-shard scripts build their other keys from the shard tag (ARGV[1]),
 * all in the same slot, since the set of keys (which conversations are due) is only known
 * inside the script.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(
    readonly name: string,
    private readonly lua: string,
  ) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(redis: RedisClient, keys: string[], args: Array<string | number>): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (err) {
      // Redis's EVAL (Lua on the server), sent as a raw command: it loads the script for the next EVALSHA.
      if (err instanceof Error && err.message.startsWith('NOSCRIPT')) return redis.call('EVAL', this.lua, keys.length, ...keys, ...args);
      throw err;
    }
  }
}

/** Shared Lua helpers, prepended to the scripts that use them. T is the shard tag (`KeySpace.tag`). */
export const LUA_HELPERS = `
local function ck(T, conv, suffix) return T .. 'c:' .. conv .. ':' .. suffix end

-- An outbox item's key and lane. An item cjson cannot read (e.g. written before text was kept
-- well-formed) must not fail the script: it could then never be sent, dropped or dead-lettered,
-- and it would block the conversation. Such an item is read with plain string matching.
local function itemHead(raw)
  local ok, v = pcall(cjson.decode, raw)
  if ok and type(v) == 'table' then return v.key, tonumber(v.lane) or 0 end
  return string.match(raw, '"key":"([^"\\]*)"'), tonumber(string.match(raw, '"lane":(%d)')) or 0
end

-- The state a worker processes the next item against: session, contact, timers.
local function convState(T, conv)
  return { redis.call('GET', ck(T, conv, 's')), redis.call('HGETALL', ck(T, conv, 'c')), redis.call('HGETALL', ck(T, conv, 't')) }
end

-- Puts a conversation with outbound work on the send lane of its most urgent item.
-- Keeps an earlier due time unless force is set (pacing/backoff after a send).
local function scheduleSend(T, conv, at, force)
  local items = redis.call('LRANGE', ck(T, conv, 'o'), 0, 99)
  local best = nil
  for _, raw in ipairs(items) do
    local _, l = itemHead(raw)
    if best == nil or l < best then best = l end
  end
  local existing = nil
  for l = 0, 2 do
    local s = redis.call('ZSCORE', T .. 'send:' .. l, conv)
    if s then existing = tonumber(s); redis.call('ZREM', T .. 'send:' .. l, conv) end
  end
  if best == nil then return end
  local due = at
  if (not force) and existing ~= nil then
    -- Keep an earlier due time; and while a sender holds the conversation, keep its lease-time
    -- score: the holder sends the new items or reschedules them on release. Making it due now
    -- would only make every other sender's claim scan try (and fail) to take it.
    if existing < at or redis.call('EXISTS', ck(T, conv, 'sl')) == 1 then due = existing end
  end
  redis.call('ZADD', T .. 'send:' .. best, due, conv)
end
`;

/** Turns a flat HGETALL reply into an object. */
export function pairs(flat: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; flat && i + 1 < flat.length; i += 2) out[flat[i]!] = flat[i + 1]!;
  return out;
}
