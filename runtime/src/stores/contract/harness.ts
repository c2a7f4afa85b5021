/**
 * Runs a contract suite against every store implementation: in-memory, Redis from REDIS_URL
 * (default 127.0.0.1:6379) and a real three-node Redis Cluster started for the suite. Each
 * suite uses its own key prefix, deleted afterwards. When Redis does not answer (or
 * redis-server is missing for the cluster) the suite FAILS: it is never skipped.
 */
import { randomUUID } from 'node:crypto';
import { Cluster, type Redis } from 'ioredis';
import { afterAll, beforeEach, describe } from 'vitest';
import { startLocalCluster, type LocalCluster } from '../../testing/redis-cluster';
import { createMemoryStores } from '../memory';
import { createRedisStores } from '../redis';
import type { RedisClient } from '../redis/script';
import type { Stores } from '../interfaces';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

type StoreFactory = () => Promise<Stores>;

/** Deletes every key under the prefix. */
export async function dropPrefix(stores: Stores): Promise<void> {
  if (!('redis' in stores)) return;
  const { redis, prefix } = stores as Stores & { redis: RedisClient; prefix: string };
  const nodes: Redis[] = redis instanceof Cluster ? redis.nodes('master') : [redis];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      // One key per command: on a cluster a multi-key DEL must not span hash slots.
      await Promise.all(keys.map((key) => node.unlink(key)));
    } while (cursor !== '0');
  }
}

export async function freshRedisStores(): Promise<Stores> {
  return createRedisStores({ url: REDIS_URL, prefix: `test:${randomUUID().slice(0, 8)}:` });
}

let cluster: Promise<LocalCluster> | undefined;

/** Stores on a local three-master Redis Cluster, started once per test file. */
export async function freshClusterStores(): Promise<Stores> {
  cluster ??= startLocalCluster();
  const { url } = await cluster;
  return createRedisStores({ url, cluster: true, prefix: `test:${randomUUID().slice(0, 8)}:` });
}

/** Stops the test file's local cluster, if one was started. */
export async function stopLocalCluster(): Promise<void> {
  const started = cluster;
  cluster = undefined;
  if (started) await (await started).stop();
}

/**
 * describe() the suite once per implementation; `get()` returns a fresh store set per test.
 */
export function describeStores(name: string, suite: (get: () => Stores) => void): void {
  const impls: Array<[string, StoreFactory]> = [
    ['memory', async () => createMemoryStores()],
    ['redis', freshRedisStores],
    ['redis cluster', freshClusterStores],
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
        if (impl === 'redis cluster') await stopLocalCluster();
      });
      suite(() => {
        if (!current) throw new Error('store not initialised');
        return current;
      });
    });
  }
}
