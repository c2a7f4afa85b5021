import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterEach, expect, it } from 'vitest';
import { dropPrefix, REDIS_URL } from '../contract/harness';
import type { InboxItem } from '../../conversation';
import type { Stores } from '../interfaces';
import { createRedisStores } from './index';
import { KeySpace } from './keys';
import { asConversationId } from '../../conversation';

const opened: Stores[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) {
    await dropPrefix(s);
    await s.close();
  }
});

const timer = (at: number): InboxItem => ({ kind: 'timer', timerId: 'x', sprint: 1, receivedAt: at });

it('keeps every key of a conversation under its shard tag and spreads conversations over all shards', () => {
  const keys = new KeySpace('p:', 8);
  const conv = asConversationId('acme:whatsapp:4915112345678');
  const tag = keys.tagOf(conv);
  for (const suffix of ['i', 's', 'c', 't', 'o', 'x', 'wl', 'sl'] as const) expect(keys.conv(conv, suffix).startsWith(tag)).toBe(true);
  expect(keys.index(keys.shardOf(conv), 'ready').startsWith(tag)).toBe(true);
  const used = new Set(Array.from({ length: 1000 }, (_, i) => keys.shardOf(asConversationId(`acme:whatsapp:49151${i}`))));
  expect(used.size).toBe(8);
  expect(() => new KeySpace('p:', 0)).toThrow(/from 1 to 1024/);
});

it('claims oldest first within a shard (one shard: a global order)', async () => {
  const stores = await createRedisStores({ url: REDIS_URL, prefix: `test:${randomUUID().slice(0, 8)}:`, shards: 1 });
  opened.push(stores);
  await stores.inbox.append(asConversationId('t:whatsapp:late'), timer(2000));
  await stores.inbox.append(asConversationId('t:whatsapp:early'), timer(1000));
  expect((await stores.inbox.claim(5000, 10_000))?.conv).toBe('t:whatsapp:early');
  expect((await stores.inbox.claim(5000, 10_000))?.conv).toBe('t:whatsapp:late');
});

it('refuses to start with a shard count other than the one the data was laid out with', async () => {
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  const first = await createRedisStores({ url: REDIS_URL, prefix, shards: 8 });
  opened.push(first);
  await expect(createRedisStores({ url: REDIS_URL, prefix, shards: 4 })).rejects.toThrow(/laid out with shards=8.*PARLEY_REDIS_SHARDS/);
  const again = await createRedisStores({ url: REDIS_URL, prefix, shards: 8 });
  await again.close();
});

it('refuses data of the unsharded layout instead of silently ignoring it', async () => {
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  const probe = await createRedisStores({ url: REDIS_URL, prefix: `${prefix}probe:` });
  opened.push(probe);
  const { redis } = probe as unknown as { redis: Redis };
  await redis.zadd(`${prefix}ready`, 1, 't:whatsapp:old');
  await expect(createRedisStores({ url: REDIS_URL, prefix })).rejects.toThrow(/unsharded layout/);
  await redis.del(`${prefix}ready`);
});
