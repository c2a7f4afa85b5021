/**
 * A sender that dies after Meta accepted a message but before it recorded the send: the next
 * sender must not send it again. Meta's status webhook echoes the message's key (sent as
 * biz_opaque_callback_data); the worker records it, and the next claim drops the message.
 * The control run (no status arrives) shows the window the statuses close: the message is
 * then sent again (at least once, never lost).
 */
import { afterEach, expect, it } from 'vitest';
import { startFakeGraph, type FakeGraph } from '../fake-graph';
import { ALL_ROLES } from '../../runtime/src/app/roles';
import { startRuntime, type RunningRuntime } from '../../runtime/src/app/runtime';
import { createSendPlane } from '../../runtime/src/send/plane';
import { BATCH_PER_CLAIM, sendClaimed } from '../../runtime/src/send/sender';
import type { OutboxStore, Stores } from '../../runtime/src/stores';
import { dropPrefix, freshRedisStores } from '../../runtime/src/stores/contract/harness';
import { TEST_ACCESS_TOKEN, TEST_APP_SECRET, createTestContext, testConfig } from '../../runtime/src/testing/context';
import { seedContact, waitFor } from '../../runtime/src/testing/seed';
import { asConversationId } from '../../runtime/src/conversation';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function crashAfterAccept(statuses: boolean): Promise<{ graph: FakeGraph; sendsOfKey: () => number; stores: Stores }> {
  const stores = await freshRedisStores();
  cleanups.push(async () => {
    await dropPrefix(stores);
    await stores.close();
  });
  const config = testConfig({ send: { backoffBaseMs: 20, backoffMaxMs: 100 } });
  const ctx = createTestContext(stores, { config });
  const conv = asConversationId('demo:whatsapp:16505550777');
  await seedContact(stores, conv, { lastInboundAt: Date.now() });
  await stores.outbox.enqueue(
    conv,
    { key: 'k-once', nodeId: 'n1', lane: 0, message: { kind: 'text', text: 'only once' }, attempts: 0, createdAt: Date.now() },
    Date.now(),
  );
  // Ingress and worker only: the senders are driven by hand below.
  const roles = new Set(ALL_ROLES.filter((r) => r !== 'sender'));
  const runtime: RunningRuntime = await startRuntime(ctx, { roles, port: 0, host: '127.0.0.1', watch: false });
  cleanups.push(() => runtime.stop());
  const graph = await startFakeGraph({
    appSecret: TEST_APP_SECRET,
    accessToken: TEST_ACCESS_TOKEN,
    webhookUrl: `${runtime.url}/webhooks/whatsapp`,
    autoStatuses: statuses ? ['sent', 'delivered'] : [],
  });
  cleanups.push(() => graph.close());
  ctx.config.graph.baseUrl = graph.url;

  // Sender A claims with a short lease, posts to the Graph API, and dies before its ack.
  const dying: OutboxStore = Object.create(stores.outbox, {
    ack: { value: () => new Promise<boolean>(() => {}) },
    release: { value: () => new Promise<void>(() => {}) },
  });
  const ctxA = createTestContext({ ...stores, outbox: dying }, { config });
  ctxA.config.graph.baseUrl = graph.url;
  const claim = await stores.outbox.claim(Date.now(), 400, BATCH_PER_CLAIM);
  expect(claim?.conv).toBe(conv);
  void sendClaimed(ctxA, claim!);
  const sendsOfKey = (): number =>
    graph.sent.filter((r) => (r.body as { biz_opaque_callback_data?: string }).biz_opaque_callback_data === 'k-once').length;
  await waitFor('Meta accepted the message', () => sendsOfKey() === 1);

  // Sender B runs normally; it can take the conversation once A's lease has expired.
  const ctxB = createTestContext(stores, { config });
  ctxB.config.graph.baseUrl = graph.url;
  const plane = createSendPlane(ctxB, { concurrency: 2 });
  plane.start();
  cleanups.push(() => plane.stop());
  await waitFor('the outbox settles', async () => (await stores.outbox.pendingCount()) === 0, 5000);
  await new Promise((r) => setTimeout(r, 200));
  return { graph, sendsOfKey, stores };
}

it('a status naming the message keeps the next sender from sending it again', async () => {
  const { sendsOfKey, stores, graph } = await crashAfterAccept(true);
  expect(sendsOfKey()).toBe(1);
  expect(await stores.outbox.sentId(asConversationId('demo:whatsapp:16505550777'), 'k-once')).toBe(graph.sent[0]!.messageId);
});

it('without a status the message is sent again (at least once: never lost)', async () => {
  const { sendsOfKey } = await crashAfterAccept(false);
  expect(sendsOfKey()).toBe(2);
});
