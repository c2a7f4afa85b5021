import { expect, it } from 'vitest';
import type { InboxItem } from '../../conversation';
import { describeStores } from './harness';
import { asConversationId } from '../../conversation';

const msg = (id: string, text: string, at = 1000): InboxItem => ({
  kind: 'message',
  id,
  receivedAt: at,
  contact: { id: 'u1' },
  message: { kind: 'text', text },
});

describeStores('InboxStore', (get) => {
  it('appends in order and dedupes by key', async () => {
    const { inbox } = get();
    expect(await inbox.append(asConversationId('t:whatsapp:u1'), msg('a', 'one'), { key: 'm:a', ttlSec: 60 })).toBe(true);
    expect(await inbox.append(asConversationId('t:whatsapp:u1'), msg('a', 'one again'), { key: 'm:a', ttlSec: 60 })).toBe(false);
    expect(await inbox.append(asConversationId('t:whatsapp:u1'), msg('b', 'two'), { key: 'm:b', ttlSec: 60 })).toBe(true);
    expect(await inbox.length(asConversationId('t:whatsapp:u1'))).toBe(2);
    expect(await inbox.peek(asConversationId('t:whatsapp:u1'))).toMatchObject({ id: 'a', message: { text: 'one' } });
    expect(await inbox.readyCount()).toBe(1);
  });

  it('dedupe keys expire after their TTL', async () => {
    const { inbox } = get();
    expect(await inbox.append(asConversationId('t:whatsapp:u2'), msg('a', 'x'), { key: 'm:ttl', ttlSec: 1 })).toBe(true);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await inbox.append(asConversationId('t:whatsapp:u2'), msg('a', 'x'), { key: 'm:ttl', ttlSec: 1 })).toBe(true);
  });

  it('gives one conversation to one worker at a time, and again after the lease expires', async () => {
    const { inbox } = get();
    await inbox.append(asConversationId('t:whatsapp:u1'), msg('a', 'one', 1000));
    const first = await inbox.claim(2000, 100);
    expect(first?.conv).toBe('t:whatsapp:u1');
    expect(await inbox.claim(2050, 100)).toBeNull();
    expect(await inbox.renew(first!, 2050, 100)).toBe(true);
    expect(await inbox.claim(2100, 100)).toBeNull();
    // Lease renewed until 2150 in store time; Redis expires on its own clock, so wait for real.
    await new Promise((r) => setTimeout(r, 150));
    const second = await inbox.claim(Date.now() + 10_000, 100);
    expect(second?.conv).toBe('t:whatsapp:u1');
    expect(second?.token).not.toBe(first?.token);
    expect(await inbox.renew(first!, Date.now(), 100)).toBe(false);
  });

  it('claims every ready conversation once, oldest first within a shard', async () => {
    const { inbox } = get();
    await inbox.append(asConversationId('t:whatsapp:late'), msg('b', 'x', 2000));
    await inbox.append(asConversationId('t:whatsapp:early'), msg('a', 'x', 1000));
    const first = await inbox.claim(5000, 10_000);
    const second = await inbox.claim(5000, 10_000);
    expect([first?.conv, second?.conv].sort()).toEqual(['t:whatsapp:early', 't:whatsapp:late']);
    expect(await inbox.claim(5000, 10_000)).toBeNull();
    // The claim brings the first item and the state along (one round trip).
    expect(first?.prefetched?.item).toMatchObject({ kind: 'message', message: { text: 'x' } });
    expect(first?.prefetched?.state).toEqual({ session: null, contact: null, timers: {} });
  });

  it('release keeps a non-empty conversation ready after the delay and forgets an empty one', async () => {
    const { inbox, conversations } = get();
    await inbox.append(asConversationId('t:whatsapp:u1'), msg('a', 'x', 1000));
    const claim = (await inbox.claim(1000, 60_000))!;
    await inbox.release(claim, 1000, 500);
    expect(await inbox.claim(1200, 60_000)).toBeNull();
    const again = (await inbox.claim(1500, 60_000))!;
    expect(again.conv).toBe('t:whatsapp:u1');
    const res = await conversations.commit(
      again,
      { popInbox: true, outbound: [], timersSet: [], timersCancel: [], counters: [], sessionTtlSec: 60 },
      1500,
    );
    expect(res).toBe('ok');
    await inbox.release(again, 1500, 0);
    expect(await inbox.readyCount()).toBe(0);
    expect(await inbox.claim(99_999, 60_000)).toBeNull();
  });
});
