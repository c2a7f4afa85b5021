import type { TimerStore } from '../interfaces';
import type { KeySpace } from './keys';
import { LUA_HELPERS, LuaScript, type RedisClient } from './script';

/**
 * Claims due timers atomically (ZREM inside the script), so any number of schedulers can
 * run: each timer becomes exactly one `timer` item in its conversation's inbox. The sprint
 * stored with it lets the engine ignore a stale one.
 * KEYS[1] = the shard's timer index, KEYS[2] = its ready index.
 */
const FIRE_DUE = new LuaScript(
  'timers.fireDue',
  `${LUA_HELPERS}
local T, now, limit = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, limit)
local fired = 0
for _, m in ipairs(due) do
  redis.call('ZREM', KEYS[1], m)
  local cut = string.find(m, '\\n', 1, true)
  if cut then
    local conv = string.sub(m, 1, cut - 1)
    local id = string.sub(m, cut + 1)
    local sprint = redis.call('HGET', ck(T, conv, 't'), id)
    if sprint then
      redis.call('HDEL', ck(T, conv, 't'), id)
      redis.call('RPUSH', ck(T, conv, 'i'), cjson.encode({ kind = 'timer', timerId = id, sprint = tonumber(sprint), receivedAt = now }))
      redis.call('ZADD', KEYS[2], 'NX', now, conv)
      fired = fired + 1
    end
  end
end
return fired`,
);

export class RedisTimerStore implements TimerStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
  ) {}

  async fireDue(now: number, limit: number): Promise<number> {
    let fired = 0;
    for (const shard of this.keys.all()) {
      if (fired >= limit) break;
      const keys = [this.keys.index(shard, 'timers'), this.keys.index(shard, 'ready')];
      fired += Number(await FIRE_DUE.run(this.redis, keys, [this.keys.tag(shard), now, limit - fired]));
    }
    return fired;
  }

  async nextDue(): Promise<number | null> {
    const firsts = await Promise.all(
      this.keys.all().map((shard) => this.redis.zrange(this.keys.index(shard, 'timers'), '0', '0', 'WITHSCORES')),
    );
    const dues = firsts.filter((f) => f.length === 2).map((f) => Number(f[1]));
    return dues.length === 0 ? null : Math.min(...dues);
  }
}
