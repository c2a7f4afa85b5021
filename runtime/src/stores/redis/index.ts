import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Stores } from '../interfaces';
import { RedisConversationStore } from './conversations';
import { RedisCounterStore } from './counters';
import { RedisDeadLetterStore } from './dead-letters';
import { RedisFlowVersionStore } from './flow-versions';
import { RedisMessageStateStore } from './message-states';
import { RedisModelStore } from './models';
import { RedisRateLimiter } from './rate-limiter';
import { RedisTenantStateStore } from './tenants';
import { RedisDeskStore } from './desk';
import { RedisInboxStore } from './inbox';
import { DEFAULT_SHARDS, KeySpace } from './keys';
import { RedisOutboxStore } from './outbox';
import { RedisPrivacyStore } from './privacy';
import type { RedisClient } from './script';
import { RedisTemplateContentStore, RedisTemplateStateStore } from './templates';
import { RedisTimerStore } from './timers';

export interface RedisStoreOptions {
  url: string;
  /** Every key starts with this (tests use a fresh prefix each run). */
  prefix?: string;
  /** Give up connecting after this long with a clear error. */
  connectTimeoutMs?: number;
  /** `url` is one node of a Redis Cluster (the others are discovered from it). */
  cluster?: boolean;
  /** Conversations are spread over this many hash slots (see keys.ts); fixed for the life of the data. */
  shards?: number;
}

/** Connects and checks that Redis answers; throws an Error naming the URL when it does not. */
export async function createRedisStores(opts: RedisStoreOptions): Promise<Stores & { redis: RedisClient; prefix: string; keys: KeySpace }> {
  const prefix = opts.prefix ?? 'parley:';
  const keys = new KeySpace(prefix, opts.shards ?? DEFAULT_SHARDS);
  const options: RedisOptions = {
    lazyConnect: true,
    connectTimeout: opts.connectTimeoutMs ?? 3000,
    maxRetriesPerRequest: 3,
    enableOfflineQueue: true,
    // Commands issued in the same tick share one write: many concurrent webhooks and workers
    // cost far fewer syscalls.
    enableAutoPipelining: true,
  };
  const redis: RedisClient = opts.cluster ? clusterClient(opts.url, options) : new Redis(opts.url, options);
  redis.on('error', () => {
    // Connection errors surface through the failing commands (and /readyz); without this
    // listener ioredis would print each reconnect attempt as an unhandled error event.
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Redis${opts.cluster ? ' Cluster' : ''} at ${redactUrl(opts.url)} did not answer (${why}). Start Redis or fix REDIS_URL.`,
    );
  }
  await checkLayout(redis, keys);
  return {
    kind: 'redis',
    models: new RedisModelStore(redis, prefix),
    redis,
    prefix,
    keys,
    inbox: new RedisInboxStore(redis, keys),
    conversations: new RedisConversationStore(redis, keys),
    outbox: new RedisOutboxStore(redis, keys),
    timers: new RedisTimerStore(redis, keys),
    flowVersions: new RedisFlowVersionStore(redis, prefix),
    counters: new RedisCounterStore(redis, keys),
    deadLetters: new RedisDeadLetterStore(redis, prefix),
    tenants: new RedisTenantStateStore(redis, prefix),
    messages: new RedisMessageStateStore(redis, keys),
    rateLimiter: new RedisRateLimiter(redis, prefix),
    desk: new RedisDeskStore(redis, keys),
    templateStates: new RedisTemplateStateStore(redis, prefix),
    templateContents: new RedisTemplateContentStore(redis, prefix),
    privacy: new RedisPrivacyStore(redis, keys, `${prefix}{dl}`),
    ping: async () => {
      try {
        return (await redis.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Hides a password in a redis:// URL for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*):([^@/]*)@/, '//$1:***@');
}

/** A cluster client seeded with the node of `url` (its password and TLS apply to every node). */
function clusterClient(url: string, options: RedisOptions): Cluster {
  const parsed = new URL(url);
  const seed = { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || 6379) };
  const redisOptions: RedisOptions = {
    ...options,
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  return new Cluster([seed], { lazyConnect: true, enableAutoPipelining: true, enableOfflineQueue: true, redisOptions });
}

/**
 * The shard count decides where every conversation's keys live: processes that disagree on it
 * would not see each other's work. The first process records it; a different one refuses to start.
 */
async function checkLayout(redis: RedisClient, keys: KeySpace): Promise<void> {
  const key = `${keys.prefix}layout`;
  const wanted = `shards=${keys.shards}`;
  // The first layout (before shards) kept global indexes at <prefix>ready / <prefix>active: its data would be invisible now.
  if ((await redis.get(key)) === null && ((await redis.exists(`${keys.prefix}ready`)) || (await redis.exists(`${keys.prefix}active`)))) {
    redis.disconnect();
    throw new Error(
      `Redis under prefix "${keys.prefix}" holds data of the unsharded layout of Parley 0.1 development builds, which this version does not read: drain it or use another PARLEY_REDIS_PREFIX`,
    );
  }
  await redis.set(key, wanted, 'NX');
  const recorded = await redis.get(key);
  if (recorded !== wanted) {
    redis.disconnect();
    throw new Error(
      `Redis under prefix "${keys.prefix}" holds data laid out with ${recorded ?? 'an unknown layout'}, but this process was started with ${wanted}: set PARLEY_REDIS_SHARDS to the recorded value (or use another PARLEY_REDIS_PREFIX)`,
    );
  }
}
