import { expect, it } from 'vitest';
import { conversationId, type ConversationId, type InboxItem, type OutboundItem, type StoredSession } from '../../conversation';
import type { Stores } from '../interfaces';
import type { RedisClient } from '../redis/script';
import { describeStores } from './harness';

const CONTACT_ID = '6f1c2a4e-0000-4000-8000-00000000a11c';

const message = (id: string, text: string): InboxItem => ({
  kind: 'message',
  id,
  receivedAt: Date.now(),
  contact: { id: 'x', name: 'Zoë' },
  message: { kind: 'text', text },
});

const outbound = (key: string, text: string, lane: 0 | 2 = 0): OutboundItem => ({
  key,
  nodeId: 'n1',
  lane,
  message: { kind: 'text', text },
  attempts: 0,
  createdAt: Date.now(),
});

const session = (name: string): StoredSession => ({
  startedAt: 1,
  publishedVersion: 1,
  snapshot: {
    flowId: 'f',
    flowRevision: 1,
    specVersion: '1.0.0',
    sprint: 1,
    status: 'waiting',
    variables: { name },
    engine: 1,
    language: 'en',
    frames: [{ flowId: 'f', flowRevision: 1, at: 'ask' }],
    timers: {},
  },
});

/** Every kind of state a conversation can have: session, contact, timers, inbox, outbox, sent, message states, desk, dead letters, dedupe markers. */
async function seed(stores: Stores, conv: ConversationId, who: string): Promise<void> {
  await stores.inbox.append(conv, message(`wamid.${who}1`, `hello from ${who}`), { key: `m:whatsapp:wamid.${who}1`, ttlSec: 60 });
  await stores.inbox.append(conv, message(`wamid.${who}2`, `still ${who}`), { key: `job:${conv}:req1`, ttlSec: 60 });
  const claim = (await stores.inbox.claim(Date.now(), 30_000))!;
  expect(claim.conv).toBe(conv);
  const now = Date.now();
  await stores.conversations.commit(
    claim,
    {
      session: session(who),
      popInbox: true,
      outbound: [outbound(`${who}:k1`, `hi ${who}`), outbound(`${who}:k2`, `offer for ${who}`, 2)],
      timersSet: [{ timerId: 'ask', sprint: 1, dueAt: now + 3_600_000 }],
      timersCancel: [],
      counters: [],
      contact: { lastInboundAt: now, name: who, phone: who },
      sessionTtlSec: 3600,
      desk: { open: { since: now }, log: [{ at: now, from: 'user', text: `help ${who}` }] },
    },
    now,
  );
  // The work lease stays held (a worker mid-item): the erasure must take it away too.
  const send = (await stores.outbox.claim(Date.now(), 30_000))!;
  expect(send.conv).toBe(conv);
  await stores.outbox.ack(send, `${who}:k1`, `wamid.out.${who}`, {
    state: { conv, key: `${who}:k1`, state: 'sent', updatedAt: now },
    ttlSec: 60,
  });
  await stores.outbox.release(send, now, 60_000);
  await stores.deadLetters.add({ conv, reason: 'test', at: now, item: outbound(`${who}:dead`, `lost ${who}`) });
}

describeStores('PrivacyStore', (get) => {
  it('exports everything a conversation holds', async () => {
    const stores = get();
    const conv = conversationId('t', 'whatsapp', '5511900000001');
    await seed(stores, conv, 'ann');
    const data = await stores.privacy.exportConversation(conv);
    expect(data.conv).toBe(conv);
    expect(data.session?.snapshot.variables).toEqual({ name: 'ann' });
    expect(data.contact).toMatchObject({ name: 'ann', phone: 'ann' });
    expect(data.timers).toEqual({ ask: 1 });
    expect(data.inbox).toMatchObject([{ kind: 'message', id: 'wamid.ann2' }]);
    expect(data.outbox).toMatchObject([{ key: 'ann:k2' }]);
    expect(data.sent).toEqual({ 'ann:k1': 'wamid.out.ann' });
    expect(data.messages).toEqual([{ conv, key: 'ann:k1', state: 'sent', updatedAt: expect.any(Number), messageId: 'wamid.out.ann' }]);
    expect(data.desk).toMatchObject({ since: expect.any(Number), transcript: [{ from: 'user', text: 'help ann' }] });
    expect(data.deadLetters).toMatchObject([{ conv, reason: 'test', item: { key: 'ann:dead' } }]);
    const nobody = await stores.privacy.exportConversation(conversationId('t', 'whatsapp', '5511900000009'));
    expect(nobody).toMatchObject({ session: null, contact: null, inbox: [], outbox: [], messages: [], desk: null, deadLetters: [] });
  });

  it("erases one conversation's state, index entries, dead letters and markers, and nothing of another's", async () => {
    const stores = get();
    const gone = conversationId('t', 'whatsapp', '5511900000001');
    const kept = conversationId('t', 'whatsapp', '55119000000011');
    await seed(stores, gone, 'ann');
    await stores.inbox.append(gone, message('wamid.c', 'campaign'), { key: `campaign:t:c1:${CONTACT_ID}`, ttlSec: 60 });
    await seed(stores, kept, 'bob');
    const keptBefore = await stores.privacy.exportConversation(kept);
    const before = await redisDump(stores);

    const removed = await stores.privacy.eraseConversation(gone, { terms: [CONTACT_ID] });
    expect(removed).toBeGreaterThan(10);

    expect(await stores.privacy.exportConversation(gone)).toEqual({
      conv: gone,
      session: null,
      contact: null,
      timers: {},
      inbox: [],
      outbox: [],
      sent: {},
      messages: [],
      desk: null,
      deadLetters: [],
    });
    expect(await stores.privacy.exportConversation(kept)).toEqual(keptBefore);
    expect((await stores.desk.list(10)).map((d) => d.conv)).toEqual([kept]);
    expect(await stores.messages.get(gone, 'wamid.out.ann')).toBeNull();
    // The markers that name the person are gone: the same job or campaign could be queued again.
    expect(await stores.inbox.append(gone, message('j', 'again'), { key: `job:${gone}:req1`, ttlSec: 60 })).toBe(true);
    expect(await stores.inbox.append(gone, message('c', 'again'), { key: `campaign:t:c1:${CONTACT_ID}`, ttlSec: 60 })).toBe(true);
    expect(await stores.inbox.append(kept, message('j', 'again'), { key: `job:${kept}:req1`, ttlSec: 60 })).toBe(false);

    if (before) {
      const after = (await redisDump(stores))!;
      await stores.privacy.eraseConversation(gone);
      const erased = (await redisDump(stores))!;
      // Nothing left names the person but the inbound message id marker (an opaque id, expiring with the dedupe window).
      const mentions = (dump: Map<string, string>) =>
        [...dump].filter(([k, v]) => `${k} ${v}`.includes('5511900000001') && !`${k} ${v}`.includes('55119000000011'));
      expect(mentions(before).length).toBeGreaterThan(5);
      expect(mentions(erased)).toEqual([]);
      expect([...erased.keys()].filter((k) => k.includes('wamid.ann'))).toEqual([expect.stringMatching(/dd:m:whatsapp:wamid\.ann1$/)]);
      expect(after.size).toBeGreaterThan(erased.size);
    }
  });
});

/** Redis only: every key under the test's prefix with its value (any type) as text. */
async function redisDump(stores: Stores): Promise<Map<string, string> | null> {
  if (stores.kind !== 'redis') return null;
  const { redis, prefix } = stores as Stores & { redis: RedisClient; prefix: string };
  const { Cluster } = await import('ioredis');
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const dump = new Map<string, string>();
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await node.type(key);
        const value =
          type === 'string'
            ? await node.get(key)
            : type === 'hash'
              ? JSON.stringify(await node.hgetall(key))
              : type === 'list'
                ? JSON.stringify(await node.lrange(key, 0, -1))
                : type === 'zset'
                  ? JSON.stringify(await node.zrange(key, '0', '-1'))
                  : type;
        dump.set(key, value ?? '');
      }
    } while (cursor !== '0');
  }
  return dump;
}
