/**
 * A poison outbox item: the store throws every time the sender handles it. After
 * `reliability.maxItemFailures` it is dead-lettered with the reason and the messages behind it
 * go out, in order. Also: the retry log line of a Graph failure says the error class and code.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGraph, type FakeGraph } from '../../../test/fake-graph';
import type { RuntimeContext } from '../platform/context';
import { type OutboundItem } from '../conversation';
import { createMemoryStores, type Stores } from '../stores';
import { dropPrefix, freshRedisStores } from '../stores/contract/harness';
import { TEST_ACCESS_TOKEN, TEST_APP_SECRET, createTestContext, testConfig } from '../testing/context';
import { seedContact, waitFor } from '../testing/seed';
import { createSendPlane } from './plane';
import { asConversationId } from '../conversation';

let graph: FakeGraph;
beforeAll(async () => {
  graph = await startFakeGraph({ appSecret: TEST_APP_SECRET, accessToken: TEST_ACCESS_TOKEN });
});
afterAll(async () => graph.close());

const text = (key: string): OutboundItem => ({
  key,
  nodeId: 'n1',
  lane: 0,
  message: { kind: 'text', text: key },
  attempts: 0,
  createdAt: Date.now(),
});

/** The store as it was when a script failed on one item's content: every read of that item throws. */
function poisonOne(stores: Stores, key: string, calls: { n: number }): Stores {
  const outbox = stores.outbox;
  return {
    ...stores,
    outbox: {
      ...outbox,
      claim: async (now, leaseMs) => {
        // Without the claim's prefetch the sender reads each item's sent id separately: that read fails.
        const claim = await outbox.claim(now, leaseMs);
        return claim ? { conv: claim.conv, token: claim.token, lane: claim.lane } : null;
      },
      head: (conv) => outbox.head(conv),
      ack: (...a) => outbox.ack(...a),
      drop: (...a) => outbox.drop(...a),
      replaceHead: (...a) => outbox.replaceHead(...a),
      release: (...a) => outbox.release(...a),
      enqueue: (...a) => outbox.enqueue(...a),
      recordSent: (...a) => outbox.recordSent(...a),
      pendingCount: () => outbox.pendingCount(),
      sentId: async (conv, k) => {
        if (k === key) {
          calls.n++;
          throw new Error('ERR user_script:12: Script attempted to decode: invalid unicode escape code');
        }
        return outbox.sentId(conv, k);
      },
    },
  };
}

/** A logger whose lines the test reads. */
function capturingLogger(lines: Array<Record<string, unknown>>): RuntimeContext['log'] {
  return pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
}

describe.each([
  ['memory', async () => createMemoryStores()],
  ['redis', freshRedisStores],
] as const)('send plane (%s)', (_name, open) => {
  let stores: Stores;
  beforeAll(async () => {
    stores = await open();
  });
  afterAll(async () => {
    await dropPrefix(stores);
    await stores.close();
  });

  it('dead-letters an item that fails maxItemFailures times and delivers the next ones in order', async () => {
    graph.reset();
    const calls = { n: 0 };
    const ctx = createTestContext(poisonOne(stores, 'poison', calls), {
      config: testConfig({
        graph: { baseUrl: graph.url, version: 'v23.0' },
        send: { backoffBaseMs: 10, backoffMaxMs: 40 },
        reliability: { maxItemFailures: 3 },
      }),
    });
    const plane = createSendPlane(ctx, { concurrency: 2 });
    const conv = asConversationId('demo:whatsapp:16505550101');
    await seedContact(ctx.stores, conv, { lastInboundAt: Date.now() });
    for (const k of ['a', 'poison', 'b', 'c']) await ctx.stores.outbox.enqueue(conv, text(k), Date.now());
    plane.start();
    try {
      await waitFor('the items behind the poison', () => graph.textsTo('16505550101').length >= 3, 5000);
      expect(graph.textsTo('16505550101')).toEqual(['a', 'b', 'c']);
      expect(calls.n).toBe(3);
      const [letter] = await ctx.stores.deadLetters.list(10);
      expect(letter).toMatchObject({ conv, item: { key: 'poison' } });
      expect(letter!.reason).toMatch(/^failed 3 times with an error: .*invalid unicode escape code/);
      await waitFor('the outbox is empty', async () => (await ctx.stores.outbox.pendingCount()) === 0);
      expect(await ctx.stores.deadLetters.count()).toBe(1);
    } finally {
      await plane.stop();
    }
  });

  it('logs a Graph retry with the error class and code', async () => {
    graph.reset();
    const lines: Array<Record<string, unknown>> = [];
    const ctx = createTestContext(stores, {
      config: testConfig({ graph: { baseUrl: graph.url, version: 'v23.0' }, send: { backoffBaseMs: 10, backoffMaxMs: 40 } }),
    });
    ctx.log = capturingLogger(lines);
    const plane = createSendPlane(ctx, { concurrency: 1 });
    const conv = asConversationId('demo:whatsapp:16505550102');
    await seedContact(ctx.stores, conv, { lastInboundAt: Date.now() });
    graph.failNext(1, 'rate_limit', { code: 130429 });
    await ctx.stores.outbox.enqueue(conv, text('r'), Date.now());
    plane.start();
    try {
      await waitFor('the retried send', () => graph.textsTo('16505550102').length === 1, 5000);
      const retry = lines.find((l) => l.msg === 'send failed, retrying');
      expect(retry).toMatchObject({ errorClass: 'retryable', code: 130429, conv, key: 'r', attempts: 1 });
    } finally {
      await plane.stop();
    }
  });
});
