/**
 * A poison inbox item: committing it fails every time (as a store script failing on its
 * content did). After `reliability.maxItemFailures` it is dead-lettered with the reason (and can
 * be replayed), and the items behind it are processed, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InboxItem } from '../conversation';
import { createMemoryStores, type Stores } from '../stores';
import { dropPrefix, freshRedisStores } from '../stores/contract/harness';
import { createTestContext, testConfig } from '../testing/context';
import { waitFor } from '../testing/seed';
import { createWorker } from './worker';
import { asConversationId } from '../conversation';

const event = (name: string, receivedAt: number): InboxItem => ({
  kind: 'event',
  name,
  params: {},
  contact: { id: '16505550201' },
  receivedAt,
});

/** Commits of the item named 'poison' fail (not the commit that sets it aside); `done` lists the items committed. */
function poisonCommits(stores: Stores, done: string[], calls: { n: number }): Stores {
  const conversations = stores.conversations;
  return {
    ...stores,
    conversations: {
      load: (conv) => conversations.load(conv),
      contact: (conv) => conversations.contact(conv),
      commit: (...a) => conversations.commit(...a),
      countSessions: () => conversations.countSessions(),
      commitAndContinue: async (claim, commit, now, options) => {
        const head = await stores.inbox.peek(claim.conv);
        const name = head?.kind === 'event' ? head.name : '?';
        const settingAside = commit.counters.some((c) => c.field === 'poison');
        if (name === 'poison' && !settingAside) {
          calls.n++;
          throw new Error('ERR user_script:21: invalid unicode escape code');
        }
        const res = await conversations.commitAndContinue(claim, commit, now, options);
        if (res.status === 'ok' && !settingAside) done.push(name);
        return res;
      },
    },
  };
}

describe.each([
  ['memory', async () => createMemoryStores()],
  ['redis', freshRedisStores],
] as const)('worker (%s)', (_name, open) => {
  let stores: Stores;
  beforeAll(async () => {
    stores = await open();
  });
  afterAll(async () => {
    await dropPrefix(stores);
    await stores.close();
  });

  it('dead-letters an inbox item after maxItemFailures and processes the ones behind it in order', async () => {
    const done: string[] = [];
    const calls = { n: 0 };
    const ctx = createTestContext(poisonCommits(stores, done, calls), { config: testConfig({ reliability: { maxItemFailures: 2 } }) });
    const conv = asConversationId('demo:whatsapp:16505550201');
    const now = Date.now();
    for (const [i, name] of ['first', 'poison', 'second', 'third'].entries()) await ctx.stores.inbox.append(conv, event(name, now + i));
    const worker = createWorker(ctx, { concurrency: 2 });
    worker.pool.start();
    try {
      await waitFor('the items behind the poison', () => done.length >= 3, 8000);
      expect(done).toEqual(['first', 'second', 'third']);
      expect(calls.n).toBe(2);
      const [letter] = await ctx.stores.deadLetters.list(10);
      expect(letter).toMatchObject({ queue: 'inbox', conv, item: { kind: 'event', name: 'poison' } });
      expect(letter!.reason).toMatch(/^failed 2 times: .*invalid unicode escape code/);
      expect(await ctx.stores.inbox.length(conv)).toBe(0);
    } finally {
      await worker.pool.stop();
    }
  }, 15_000);
});
