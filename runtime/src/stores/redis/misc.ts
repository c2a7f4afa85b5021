/** The small Redis stores: flow versions, counters, dead letters, tenant pauses, message states, rate limits. */
import type {
  ConversationId, CounterIncrement, CounterStore, ModelStore, DeadLetter, DeadLetterStore, NewDeadLetter, FlowVersionRecord, FlowVersionStore, MessageState,
  MessageStateStore, RateLimiter, TenantStateStore,
} from '../types';
import type { KeySpace } from './keys';
import { LuaScript, type RedisClient } from './script';

/** Versions are a hash version → record; the next number is HLEN + 1, assigned atomically. */
const PUBLISH = new LuaScript('flows.publish', `
local key, rec, force = KEYS[1], cjson.decode(ARGV[1]), ARGV[2]
local n = redis.call('HLEN', key)
if n > 0 and force ~= '1' then
  local last = cjson.decode(redis.call('HGET', key, n))
  if last.hash == rec.hash then return { n, 0 } end
end
rec.version = n + 1
redis.call('HSET', key, n + 1, cjson.encode(rec))
return { n + 1, 1 }`);

export class RedisFlowVersionStore implements FlowVersionStore {
  constructor(private readonly redis: RedisClient, private readonly prefix: string) {}

  private key(flowId: string): string {
    return `${this.prefix}fv:${flowId}`;
  }

  async publish(record: Omit<FlowVersionRecord, 'version'>, opts: { force?: boolean } = {}): Promise<{ version: number; created: boolean }> {
    // The flow travels as a JSON string inside the record so cjson cannot reshape it
    // (cjson turns empty objects into arrays).
    const wire = { ...record, flow: JSON.stringify(record.flow), layout: record.layout === undefined ? undefined : JSON.stringify(record.layout) };
    const [version, created] = (await PUBLISH.run(this.redis, [this.key(record.flowId)], [JSON.stringify(wire), opts.force ? '1' : '0'])) as [number, number];
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
}

/**
 * Counters live in the shards' `cnt:` hashes: a worker commit increments them atomically in
 * its conversation's shard, so a key's total is the sum over the shards.
 */
export class RedisCounterStore implements CounterStore {
  constructor(private readonly redis: RedisClient, private readonly keys: KeySpace) {}

  async incr(items: CounterIncrement[]): Promise<void> {
    // One command per increment (a MULTI cannot span the shards' slots on a cluster).
    await Promise.all(items.map((inc) => this.redis.hincrby(this.keys.index(this.keys.shardOf(inc.key), `cnt:${inc.key}`), inc.field, inc.by)));
  }

  async read(key: string): Promise<Record<string, number>> {
    const parts = await Promise.all(this.keys.all().map((shard) => this.redis.hgetall(this.keys.index(shard, `cnt:${key}`))));
    const total: Record<string, number> = {};
    for (const part of parts) for (const [field, n] of Object.entries(part)) total[field] = (total[field] ?? 0) + Number(n);
    return total;
  }
}

/** The letters' keys share one hash tag, so their MULTI is valid on a cluster. */
export class RedisDeadLetterStore implements DeadLetterStore {
  private readonly prefix: string;

  constructor(private readonly redis: RedisClient, prefix: string) {
    this.prefix = `${prefix}{dl}`;
  }

  async add(letter: NewDeadLetter): Promise<string> {
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

  async count(): Promise<number> {
    return this.redis.zcard(`${this.prefix}dl:z`);
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
  constructor(private readonly redis: RedisClient, private readonly prefix: string) {}

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
  constructor(private readonly redis: RedisClient, private readonly keys: KeySpace) {}

  async set(messageId: string, state: MessageState, ttlSec: number): Promise<void> {
    await this.redis.set(this.keys.message(state.conv, messageId), JSON.stringify(state), 'EX', ttlSec);
  }

  async get(conv: ConversationId, messageId: string): Promise<MessageState | null> {
    const raw = await this.redis.get(this.keys.message(conv, messageId));
    return raw ? (JSON.parse(raw) as MessageState) : null;
  }
}

/** One command per batch: refuse while the number is held, else count up to `wanted` slots in this second. */
const TAKE = new LuaScript('rate.take', `
local hold, key, limit, wanted = KEYS[1], KEYS[2], tonumber(ARGV[1]), tonumber(ARGV[2])
if redis.call('EXISTS', hold) == 1 then return 0 end
local used = redis.call('INCRBY', key, wanted)
if used == wanted then redis.call('PEXPIRE', key, 2000) end
local before = used - wanted
if before >= limit then return 0 end
return math.min(wanted, limit - before)`);

/** A fixed one-second window per bucket, shared by every process through INCR. */
export class RedisRateLimiter implements RateLimiter {
  constructor(private readonly redis: RedisClient, private readonly prefix: string) {}

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

/** One hash of serialized models; models are keyed by a hash of their training data, so they never go stale. */
export class RedisModelStore implements ModelStore {
  constructor(private readonly redis: RedisClient, private readonly prefix: string) {}

  async loadAll(): Promise<Map<string, string>> {
    return new Map(Object.entries(await this.redis.hgetall(`${this.prefix}nlu:models`)));
  }

  async put(key: string, value: string): Promise<void> {
    await this.redis.hset(`${this.prefix}nlu:models`, key, value);
  }
}
