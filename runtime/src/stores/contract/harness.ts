/**
 * Runs a contract suite against both store implementations. Redis comes from REDIS_URL
 * (default 127.0.0.1:6379); each suite uses its own key prefix, deleted afterwards.
 * When Redis does not answer the suite FAILS (it is never skipped).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeEach, describe } from 'vitest';
import { createMemoryStores } from '../memory';
import { createRedisStores } from '../redis';
import type { Stores } from '../types';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export type StoreFactory = () => Promise<Stores>;

/** Deletes every key under the prefix. */
export async function dropPrefix(stores: Stores): Promise<void> {
  if (!('redis' in stores)) return;
  const { redis, prefix } = stores as Stores & { redis: Redis; prefix: string };
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

export async function freshRedisStores(): Promise<Stores> {
  return createRedisStores({ url: REDIS_URL, prefix: `test:${randomUUID().slice(0, 8)}:` });
}

/**
 * describe() the suite once per implementation; `get()` returns a fresh store set per test.
 */
export function describeStores(name: string, suite: (get: () => Stores) => void): void {
  const impls: Array<[string, StoreFactory]> = [
    ['memory', async () => createMemoryStores()],
    ['redis', freshRedisStores],
  ];
  for (const [impl, factory] of impls) {
    describe(`${name} (${impl})`, () => {
      let current: Stores | undefined;
      const opened: Stores[] = [];
      beforeEach(async () => {
        current = await factory();
        opened.push(current);
      });
      afterAll(async () => {
        for (const s of opened) {
          await dropPrefix(s);
          await s.close();
        }
      });
      suite(() => {
        if (!current) throw new Error('store not initialised');
        return current;
      });
    });
  }
}
