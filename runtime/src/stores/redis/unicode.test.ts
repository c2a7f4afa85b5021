/**
 * An outbox item Redis's cjson cannot decode (a lone-surrogate escape, as written before text
 * was kept well-formed) neither fails the scripts nor hides from the queue gauge: it is claimed,
 * counted, dropped by key, and the item behind it is sent.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dropPrefix, freshRedisStores } from '../contract/harness';
import type { OutboundItem } from '../../conversation';
import type { createRedisStores } from './index';
import { asConversationId } from '../../conversation';

let stores: Awaited<ReturnType<typeof createRedisStores>>;
beforeAll(async () => {
  stores = (await freshRedisStores()) as typeof stores;
});
afterAll(async () => {
  await dropPrefix(stores);
  await stores.close();
});

const item = (key: string, text: string): OutboundItem => ({
  key,
  nodeId: 'n',
  lane: 0,
  message: { kind: 'text', text },
  attempts: 0,
  createdAt: 1,
});

it('claims, counts and drops a legacy undecodable item, then serves the next one', async () => {
  const conv = asConversationId('demo:whatsapp:16505550301');
  // Written raw, as the old code did: JSON.stringify keeps the lone surrogate as the escape \ud800.
  await stores.redis.rpush(stores.keys.conv(conv, 'o'), JSON.stringify(item('legacy', 'x\ud800y')));
  await stores.outbox.enqueue(conv, item('next', 'fine'), 1000);
  expect(await stores.outbox.pendingCount()).toBe(1);
  const claim = (await stores.outbox.claim(1000, 30_000, 5))!;
  expect(claim.prefetched!.items.map((i) => i.key)).toEqual(['legacy', 'next']);
  expect(await stores.outbox.replaceHead(claim, { ...item('legacy', 'x\ud800y'), attempts: 1 })).toBe(true);
  expect(await stores.outbox.drop(claim, 'legacy')).toBe(true);
  expect(await stores.outbox.ack(claim, 'next', 'wamid.N')).toBe(true);
  await stores.outbox.release(claim, 1000, 0);
  expect(await stores.outbox.pendingCount()).toBe(0);
});

it('stores outbound text well-formed', async () => {
  const conv = asConversationId('demo:whatsapp:16505550302');
  await stores.outbox.enqueue(conv, item('k', 'x\ud800y'), 1000);
  expect((await stores.outbox.head(conv))!.message).toEqual({ kind: 'text', text: 'x\ufffdy' });
});
