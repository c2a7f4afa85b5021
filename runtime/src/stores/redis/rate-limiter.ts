/** Send rate limits per number, in Redis. */
import type { RateLimiter } from '../interfaces';
import { LuaScript, type RedisClient } from './script';

/** One command per batch: refuse while the number is held, else count up to `wanted` slots in this second. */
const TAKE = new LuaScript(
  'rate.take',
  `
local hold, key, limit, wanted = KEYS[1], KEYS[2], tonumber(ARGV[1]), tonumber(ARGV[2])
if redis.call('EXISTS', hold) == 1 then return 0 end
local used = redis.call('INCRBY', key, wanted)
if used == wanted then redis.call('PEXPIRE', key, 2000) end
local before = used - wanted
if before >= limit then return 0 end
return math.min(wanted, limit - before)`,
);

/** A fixed one-second window per bucket, shared by every process through INCR. */
export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  /** A bucket's hold and window keys share a hash tag (one script touches both). */
  private tag(bucket: string): string {
    return `${this.prefix}{rl:${bucket}}`;
  }

  private holdKey(bucket: string): string {
    return `${this.tag(bucket)}hold`;
  }

  async take(bucket: string, limit: number, now: number): Promise<boolean> {
    return (await this.takeUpTo(bucket, limit, now, 1)) === 1;
  }

  async takeUpTo(bucket: string, limit: number, now: number, wanted: number): Promise<number> {
    const key = `${this.tag(bucket)}:${Math.floor(now / 1000)}`;
    return Number(await TAKE.run(this.redis, [this.holdKey(bucket), key], [limit, Math.max(1, Math.floor(wanted))]));
  }

  async hold(bucket: string, ms: number): Promise<void> {
    // Keeps the longer of an existing hold and this one.
    const key = this.holdKey(bucket);
    const left = await this.redis.pttl(key);
    if (left < ms) await this.redis.set(key, '1', 'PX', Math.max(1, Math.round(ms)));
  }

  async heldFor(bucket: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(this.holdKey(bucket)));
  }
}
