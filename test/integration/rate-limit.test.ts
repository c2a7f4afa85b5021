/** The per-number rate limit is shared by every sender process (two planes, two Redis connections, one prefix). */
import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { startFakeGraph } from '../fake-graph';
import { createSendPlane } from '../../runtime/src/send/plane';
import { createRedisStores, type Stores } from '../../runtime/src/stores';
import { dropPrefix, REDIS_URL } from '../../runtime/src/stores/contract/harness';
import { TEST_ACCESS_TOKEN, TEST_APP_SECRET, createTestContext, testConfig } from '../../runtime/src/testing/context';
import { seedContact, waitFor } from '../../runtime/src/testing/seed';
import { asConversationId } from '../../runtime/src/conversation';

const opened: Stores[] = [];
afterAll(async () => {
  await dropPrefix(opened[0]!);
  for (const s of opened) await s.close();
});

it("two sender processes together stay within the number's messages per second", async () => {
  const graph = await startFakeGraph({ appSecret: TEST_APP_SECRET, accessToken: TEST_ACCESS_TOKEN });
  const prefix = `rl:${randomUUID().slice(0, 8)}:`;
  const config = testConfig({ graph: { baseUrl: graph.url, version: 'v23.0' } }) as {
    tenants: Array<{ channels: Array<Record<string, unknown>> }>;
  };
  config.tenants[0]!.channels[0]!.ratePerSecond = 3;
  const a = createTestContext(await createRedisStores({ url: REDIS_URL, prefix }), { config });
  const b = createTestContext(await createRedisStores({ url: REDIS_URL, prefix }), { config });
  opened.push(a.stores, b.stores);
  const users = Array.from({ length: 12 }, (_, i) => `165055510${String(i).padStart(2, '0')}`);
  for (const u of users) {
    await seedContact(a.stores, asConversationId(`demo:whatsapp:${u}`), { lastInboundAt: Date.now() });
    await a.stores.outbox.enqueue(
      asConversationId(`demo:whatsapp:${u}`),
      { key: `k-${u}`, nodeId: 'n', lane: 0, attempts: 0, createdAt: Date.now(), message: { kind: 'text', text: u } },
      Date.now(),
    );
  }
  const planes = [createSendPlane(a, { concurrency: 8 }), createSendPlane(b, { concurrency: 8 })];
  planes.forEach((p) => p.start());
  try {
    await waitFor('all 12 sent', () => graph.sent.length === 12, 10_000);
    const times = graph.sent.map((r) => r.receivedAt).sort((x, y) => x - y);
    // 12 messages at 3 per second need four one-second windows, so the last is more than 2 s after
    // the first. Two unshared limiters (6/s together) would need at most three: under 2 s.
    expect(times[11]! - times[0]!).toBeGreaterThan(2000);
    expect(graph.duplicateKeys()).toEqual([]);
  } finally {
    await Promise.all(planes.map((p) => p.stop()));
    await graph.close();
  }
}, 15_000);
