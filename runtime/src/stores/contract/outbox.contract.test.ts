import { expect, it } from 'vitest';
import { conversationId, type Lane, type OutboundItem } from '../../conversation';
import { describeStores } from './harness';

const item = (key: string, lane: Lane = 0): OutboundItem => ({
  key,
  nodeId: 'n',
  lane,
  message: { kind: 'text', text: key },
  attempts: 0,
  createdAt: 1,
});

/** A conversation id for these tests (tenant and channel do not matter to the outbox). */
const conv = (contact: string) => conversationId('t', 'whatsapp', contact);

describeStores('OutboxStore', (get) => {
  it('keeps per-conversation order and records sent ids', async () => {
    const { outbox } = get();
    await outbox.enqueue(conv('c1'), item('a'), 1000);
    await outbox.enqueue(conv('c1'), item('b'), 1000);
    const claim = (await outbox.claim(1000, 30_000))!;
    expect(claim).toMatchObject({ conv: conv('c1'), lane: 0 });
    expect(await outbox.claim(1000, 30_000)).toBeNull();
    expect((await outbox.head(conv('c1')))?.key).toBe('a');
    expect(await outbox.ack(claim, 'b', 'wamid.B')).toBe(false);
    expect(
      await outbox.ack(claim, 'a', 'wamid.A', { state: { conv: conv('c1'), key: 'a', state: 'accepted', updatedAt: 5 }, ttlSec: 60 }),
    ).toBe(true);
    expect(await outbox.sentId(conv('c1'), 'a')).toBe('wamid.A');
    expect(await get().messages.get(conv('c1'), 'wamid.A')).toEqual({ conv: conv('c1'), key: 'a', state: 'accepted', updatedAt: 5 });
    expect((await outbox.head(conv('c1')))?.key).toBe('b');
    await outbox.release(claim, 1000, 200);
    expect(await outbox.claim(1100, 30_000)).toBeNull();
    const again = (await outbox.claim(1200, 30_000))!;
    expect(again.conv).toBe(conv('c1'));
    expect(await outbox.drop(again, 'b')).toBe(true);
    await outbox.release(again, 1200, 0);
    expect(await outbox.pendingCount()).toBe(0);
    expect(await outbox.claim(9999, 30_000)).toBeNull();
  });

  it('serves replies before notifications before bulk', async () => {
    const { outbox } = get();
    await outbox.enqueue(conv('bulk'), item('x', 2), 1);
    await outbox.enqueue(conv('note'), item('y', 1), 2);
    await outbox.enqueue(conv('reply'), item('z', 0), 3);
    const order: string[] = [];
    for (let i = 0; i < 3; i++) order.push((await outbox.claim(10, 30_000))!.conv);
    expect(order).toEqual([conv('reply'), conv('note'), conv('bulk')]);
  });

  it('moves a conversation to the lane of its most urgent item', async () => {
    const { outbox } = get();
    await outbox.enqueue(conv('c'), item('bulk1', 2), 1);
    await outbox.enqueue(conv('other'), item('n', 1), 1);
    await outbox.enqueue(conv('c'), item('reply1', 0), 5);
    expect(await outbox.claim(10, 30_000)).toMatchObject({ conv: conv('c'), lane: 0 });
  });

  it('only the claim holder may change the head; replaceHead swaps it in place', async () => {
    const { outbox } = get();
    await outbox.enqueue(conv('c'), item('a'), 1);
    const claim = (await outbox.claim(10, 30_000))!;
    const fake = { ...claim, token: 'not-mine' };
    expect(await outbox.ack(fake, 'a', 'w')).toBe(false);
    expect(await outbox.replaceHead(claim, { ...item('a'), attempts: 3 })).toBe(true);
    expect((await outbox.head(conv('c')))?.attempts).toBe(3);
  });

  it('a claim brings up to `batch` items, head first, and the ids of those already sent', async () => {
    const { outbox } = get();
    for (const key of ['a', 'b', 'c']) await outbox.enqueue(conv('c9'), item(key), 1);
    const first = (await outbox.claim(10, 30_000, 2))!;
    expect(first.prefetched?.items.map((i) => i.key)).toEqual(['a', 'b']);
    expect(first.prefetched?.sent).toEqual({});
    expect(first.prefetched?.contact).toBeNull();
    // A sender records "a" as sent, then dies before the pop: the next claim knows.
    expect(await outbox.ack(first, 'a', 'wamid.A')).toBe(true);
    await outbox.enqueue(conv('c9'), item('a2'), 1);
    await outbox.release(first, 10, 0);
    const second = (await outbox.claim(10, 30_000, 5))!;
    expect(second.prefetched?.items.map((i) => i.key)).toEqual(['b', 'c', 'a2']);
    expect(second.prefetched?.sent).toEqual({});
  });

  it('recordSent marks a key sent once (a later ack or record does not change it) and the next claim reports it', async () => {
    const { outbox } = get();
    await outbox.enqueue(conv('c8'), item('k'), 1);
    await outbox.recordSent(conv('c8'), 'k', 'wamid.first');
    await outbox.recordSent(conv('c8'), 'k', 'wamid.other');
    expect(await outbox.sentId(conv('c8'), 'k')).toBe('wamid.first');
    const claim = (await outbox.claim(10, 30_000, 5))!;
    expect(claim.prefetched?.sent).toEqual({ k: 'wamid.first' });
  });
});
