import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run by SHA with a fallback to EVAL on NOSCRIPT (after a Redis restart or
 * SCRIPT FLUSH). Keys of the conversation are built inside the scripts from the prefix and
 * the conversation id, which is why every script takes `prefix` and `conv` as arguments.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(readonly name: string, private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(redis: Redis, args: Array<string | number>): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, 0, ...args);
    } catch (err) {
      // Redis's EVAL (Lua on the server), sent as a raw command: it loads the script for the next EVALSHA.
      if (err instanceof Error && err.message.startsWith('NOSCRIPT')) return redis.call('EVAL', this.lua, 0, ...args);
      throw err;
    }
  }
}

/** Shared Lua helpers, prepended to the scripts that use them. */
export const LUA_HELPERS = `
local function ck(P, conv, suffix) return P .. '{' .. conv .. '}:' .. suffix end

-- Puts a conversation with outbound work on the send lane of its most urgent item.
-- Keeps an earlier due time unless force is set (pacing/backoff after a send).
local function scheduleSend(P, conv, at, force)
  local items = redis.call('LRANGE', ck(P, conv, 'o'), 0, 99)
  local best = nil
  for _, raw in ipairs(items) do
    local l = cjson.decode(raw).lane
    if best == nil or l < best then best = l end
  end
  local existing = nil
  for l = 0, 2 do
    local s = redis.call('ZSCORE', P .. 'send:' .. l, conv)
    if s then existing = tonumber(s); redis.call('ZREM', P .. 'send:' .. l, conv) end
  end
  if best == nil then return end
  local due = at
  if (not force) and existing ~= nil then
    -- Keep an earlier due time; and while a sender holds the conversation, keep its lease-time
    -- score: the holder sends the new items or reschedules them on release. Making it due now
    -- would only make every other sender's claim scan try (and fail) to take it.
    if existing < at or redis.call('EXISTS', ck(P, conv, 'sl')) == 1 then due = existing end
  end
  redis.call('ZADD', P .. 'send:' .. best, due, conv)
end
`;
