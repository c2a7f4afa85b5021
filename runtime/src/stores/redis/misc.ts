/** The small Redis stores: flow versions, counters, dead letters, tenant pauses, message states, rate limits. */
import type { Redis } from 'ioredis';
import type {
  CounterIncrement, CounterStore, ModelStore, DeadLetter, DeadLetterStore, FlowVersionRecord, FlowVersionStore, MessageState,
  MessageStateStore, RateLimiter, TenantStateStore,
} from '../types';
import { LuaScript } from './script';

/** Versions are a hash version → record; the next number is HLEN + 1, assigned atomically. */
const PUBLISH = new LuaScript('flows.publish', `
local key, rec, force = ARGV[1], cjson.decode(ARGV[2]), ARGV[3]
local n = redis.call('HLEN', key)
if n > 0 and force ~= '1' then
  local last = cjson.decode(redis.call('HGET', key, n))
  if last.hash == rec.hash then return { n, 0 } end
end
rec.version = n + 1
redis.call('HSET', key, n + 1, cjson.encode(rec))
return { n + 1, 1 }`);

export class RedisFlowVersionStore implements FlowVersionStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  private key(flowId: string): string {
    return `${this.prefix}fv:${flowId}`;
  }

  async publish(record: Omit<FlowVersionRecord, 'version'>, opts: { force?: boolean } = {}): Promise<{ version: number; created: boolean }> {
    // The flow travels as a JSON string inside the record so cjson cannot reshape it
    // (cjson turns empty objects into arrays).
    const wire = { ...record, flow: JSON.stringify(record.flow), layout: record.layout === undefined ? undefined : JSON.stringify(record.layout) };
    const [version, created] = (await PUBLISH.run(this.redis, [this.key(record.flowId), JSON.stringify(wire), opts.force ? '1' : '0'])) as [number, number];
    return { version: Number(version), created: created === 1 };
  }

  private decode(raw: string | null): FlowVersionRecord | null {
    if (!raw) return null;
    const wire = JSON.parse(raw) as FlowVersionRecord & { flow: string; layout?: string };
    return { ...wire, flow: JSON.parse(wire.flow) as unknown, layout: wire.layout ? (JSON.parse(wire.layout) as unknown) : undefined };
  }

  async get(flowId: string, version: number): Promise<FlowVersionRecord | null> {
    return this.decode(await this.redis.hget(this.key(flowId), String(version)));
  }

  async latest(flowId: string): Promise<FlowVersionRecord | null> {
    const n = await this.redis.hlen(this.key(flowId));
    return n === 0 ? null : this.get(flowId, n);
  }

  async list(flowId: string): Promise<Array<Omit<FlowVersionRecord, 'flow' | 'layout'>>> {
    const all = await this.redis.hvals(this.key(flowId));
    return all
      .map((raw) => {
        const { flow: _f, layout: _l, ...meta } = JSON.parse(raw) as FlowVersionRecord;
        return meta;
      })
      .sort((a, b) => b.version - a.version);
  }

  async setDraftHash(flowId: string, hash: string): Promise<void> {
    await this.redis.set(`${this.prefix}fdraft:${flowId}`, hash);
  }

  async draftHash(flowId: string): Promise<string | null> {
    return this.redis.get(`${this.prefix}fdraft:${flowId}`);
  }
}

export class RedisCounterStore implements CounterStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async incr(items: CounterIncrement[]): Promise<void> {
    if (items.length === 0) return;
    const m = this.redis.multi();
    for (const inc of items) m.hincrby(`${this.prefix}cnt:${inc.key}`, inc.field, inc.by);
    await m.exec();
  }

  async read(key: string): Promise<Record<string, number>> {
    const raw = await this.redis.hgetall(`${this.prefix}cnt:${key}`);
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
  }
}

export class RedisDeadLetterStore implements DeadLetterStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async add(letter: Omit<DeadLetter, 'id'>): Promise<string> {
    const id = `dl${await this.redis.incr(`${this.prefix}dl:seq`)}`;
    await this.redis.multi()
      .hset(`${this.prefix}dl`, id, JSON.stringify({ ...letter, id }))
      .zadd(`${this.prefix}dl:z`, letter.at, id)
      .exec();
    return id;
  }

  async list(limit: number): Promise<DeadLetter[]> {
    const ids = await this.redis.zrevrange(`${this.prefix}dl:z`, 0, limit - 1);
    if (ids.length === 0) return [];
    const raws = await this.redis.hmget(`${this.prefix}dl`, ...ids);
    return raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as DeadLetter);
  }

  async take(id: string): Promise<DeadLetter | null> {
    const res = await this.redis.multi()
      .hget(`${this.prefix}dl`, id)
      .hdel(`${this.prefix}dl`, id)
      .zrem(`${this.prefix}dl:z`, id)
      .exec();
    const raw = res?.[0]?.[1];
    return typeof raw === 'string' ? (JSON.parse(raw) as DeadLetter) : null;
  }
}

export class RedisTenantStateStore implements TenantStateStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async pause(tenant: string, reason: string, now: number): Promise<void> {
    await this.redis.set(`${this.prefix}paused:${tenant}`, JSON.stringify({ reason, at: now }));
  }

  async resume(tenant: string): Promise<boolean> {
    return (await this.redis.del(`${this.prefix}paused:${tenant}`)) === 1;
  }

  async paused(tenant: string): Promise<{ reason: string; at: number } | null> {
    const raw = await this.redis.get(`${this.prefix}paused:${tenant}`);
    return raw ? (JSON.parse(raw) as { reason: string; at: number }) : null;
  }
}

export class RedisMessageStateStore implements MessageStateStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async set(messageId: string, state: MessageState, ttlSec: number): Promise<void> {
    await this.redis.set(`${this.prefix}msg:${messageId}`, JSON.stringify(state), 'EX', ttlSec);
  }

  async get(messageId: string): Promise<MessageState | null> {
    const raw = await this.redis.get(`${this.prefix}msg:${messageId}`);
    return raw ? (JSON.parse(raw) as MessageState) : null;
  }
}

/** One command per send: refuse while the number is held, else count the slot in this second. */
const TAKE = new LuaScript('rate.take', `
local hold, key, limit = ARGV[1], ARGV[2], tonumber(ARGV[3])
if redis.call('EXISTS', hold) == 1 then return 0 end
local used = redis.call('INCR', key)
if used == 1 then redis.call('PEXPIRE', key, 2000) end
if used > limit then return 0 end
return 1`);

/** A fixed one-second window per bucket, shared by every process through INCR. */
export class RedisRateLimiter implements RateLimiter {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async take(bucket: string, limit: number, now: number): Promise<boolean> {
    const key = `${this.prefix}rl:${bucket}:${Math.floor(now / 1000)}`;
    return (await TAKE.run(this.redis, [`${this.prefix}hold:${bucket}`, key, limit])) === 1;
  }

  async hold(bucket: string, ms: number): Promise<void> {
    // Keeps the longer of an existing hold and this one.
    const key = `${this.prefix}hold:${bucket}`;
    const left = await this.redis.pttl(key);
    if (left < ms) await this.redis.set(key, '1', 'PX', Math.max(1, Math.round(ms)));
  }

  async heldFor(bucket: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(`${this.prefix}hold:${bucket}`));
  }
}

/** One hash of serialized models; models are keyed by a hash of their training data, so they never go stale. */
export class RedisModelStore implements ModelStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async loadAll(): Promise<Map<string, string>> {
    return new Map(Object.entries(await this.redis.hgetall(`${this.prefix}nlu:models`)));
  }

  async put(key: string, value: string): Promise<void> {
    await this.redis.hset(`${this.prefix}nlu:models`, key, value);
  }
}
