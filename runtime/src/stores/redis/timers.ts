import type { Redis } from 'ioredis';
import type { TimerStore } from '../types';
import { LUA_HELPERS, LuaScript } from './script';

/**
 * Claims due timers atomically (ZREM inside the script), so any number of schedulers can
 * run: each timer becomes exactly one `timer` item in its conversation's inbox. The sprint
 * stored with it lets the engine ignore a stale one.
 */
const FIRE_DUE = new LuaScript('timers.fireDue', `${LUA_HELPERS}
local P, now, limit = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local due = redis.call('ZRANGEBYSCORE', P .. 'timers', '-inf', now, 'LIMIT', 0, limit)
local fired = 0
for _, m in ipairs(due) do
  redis.call('ZREM', P .. 'timers', m)
  local cut = string.find(m, '\\n', 1, true)
  if cut then
    local conv = string.sub(m, 1, cut - 1)
    local id = string.sub(m, cut + 1)
    local sprint = redis.call('HGET', ck(P, conv, 't'), id)
    if sprint then
      redis.call('HDEL', ck(P, conv, 't'), id)
      redis.call('RPUSH', ck(P, conv, 'i'), cjson.encode({ kind = 'timer', timerId = id, sprint = tonumber(sprint), receivedAt = now }))
      redis.call('ZADD', P .. 'ready', 'NX', now, conv)
      fired = fired + 1
    end
  end
end
return fired`);

export class RedisTimerStore implements TimerStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async fireDue(now: number, limit: number): Promise<number> {
    return Number(await FIRE_DUE.run(this.redis, [this.prefix, now, limit]));
  }

  async nextDue(): Promise<number | null> {
    const first = await this.redis.zrange(`${this.prefix}timers`, '0', '0', 'WITHSCORES');
    return first.length === 2 ? Number(first[1]) : null;
  }
}
