import { Redis } from 'ioredis';
import type { Stores } from '../types';
import { RedisConversationStore } from './conversations';
import { RedisInboxStore } from './inbox';
import {
  RedisCounterStore, RedisDeadLetterStore, RedisModelStore, RedisFlowVersionStore, RedisMessageStateStore, RedisRateLimiter,
  RedisTenantStateStore,
} from './misc';
import { RedisOutboxStore } from './outbox';
import { RedisTimerStore } from './timers';

export interface RedisStoreOptions {
  url: string;
  /** Every key starts with this (tests use a fresh prefix each run). */
  prefix?: string;
  /** Give up connecting after this long with a clear error. */
  connectTimeoutMs?: number;
}

/** Connects and checks that Redis answers; throws an Error naming the URL when it does not. */
export async function createRedisStores(opts: RedisStoreOptions): Promise<Stores & { redis: Redis; prefix: string }> {
  const prefix = opts.prefix ?? 'parley:';
  const redis = new Redis(opts.url, {
    lazyConnect: true,
    connectTimeout: opts.connectTimeoutMs ?? 3000,
    maxRetriesPerRequest: 3,
    enableOfflineQueue: true,
    // Commands issued in the same tick share one write: many concurrent webhooks and workers
    // cost far fewer syscalls.
    enableAutoPipelining: true,
  });
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
    throw new Error(`Redis at ${redactUrl(opts.url)} did not answer (${why}). Start Redis or fix REDIS_URL.`);
  }
  return {
    kind: 'redis',
    models: new RedisModelStore(redis, prefix),
    redis,
    prefix,
    inbox: new RedisInboxStore(redis, prefix),
    conversations: new RedisConversationStore(redis, prefix),
    outbox: new RedisOutboxStore(redis, prefix),
    timers: new RedisTimerStore(redis, prefix),
    flowVersions: new RedisFlowVersionStore(redis, prefix),
    counters: new RedisCounterStore(redis, prefix),
    deadLetters: new RedisDeadLetterStore(redis, prefix),
    tenants: new RedisTenantStateStore(redis, prefix),
    messages: new RedisMessageStateStore(redis, prefix),
    rateLimiter: new RedisRateLimiter(redis, prefix),
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
