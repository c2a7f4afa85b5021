import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { startFakeGraph, type FakeGraph } from '../../../test/fake-graph';
import type { RuntimeContext } from '../platform/context';
import type { WorkPool } from '../platform/pool';
import { describeStores } from '../stores/contract/harness';
import type { OutboundItem } from '../conversation';
import type { SendClaim } from '../stores';
import { TEST_ACCESS_TOKEN, TEST_APP_SECRET, createTestContext, testConfig } from '../testing/context';
import { fakeTemplateService } from '../testing/fake-template-service';
import { seedContact, waitFor } from '../testing/seed';
import { createSendPlane } from './plane';
import { asConversationId } from '../conversation';

let graph: FakeGraph;
beforeAll(async () => {
  graph = await startFakeGraph({ appSecret: TEST_APP_SECRET, accessToken: TEST_ACCESS_TOKEN });
});
afterAll(async () => graph.close());

const text = (key: string, extra: Partial<OutboundItem> = {}): OutboundItem => ({
  key,
  nodeId: 'n1',
  lane: 0,
  message: { kind: 'text', text: key },
  attempts: 0,
  createdAt: Date.now(),
  ...extra,
});
const template = { kind: 'template' as const, name: 'order_update', language: 'en', params: { body: ['42'] } };

describeStores('send plane', (get) => {
  let ctx: RuntimeContext;
  let plane: WorkPool<SendClaim>;
  beforeEach(() => {
    graph.reset();
    ctx = createTestContext(get(), {
      config: testConfig({
        graph: { baseUrl: graph.url, version: 'v23.0' },
        send: { backoffBaseMs: 20, backoffMaxMs: 100, maxAttempts: 4 },
      }),
    });
    plane = createSendPlane(ctx, { concurrency: 4 });
    plane.start();
  });
  afterEach(async () => plane.stop());

  it('sends each message once, in order, and records its id and state', async () => {
    const conv = asConversationId('demo:whatsapp:16505550001');
    await seedContact(ctx.stores, conv, { lastInboundAt: Date.now() });
    for (const k of ['a', 'b', 'c']) await ctx.stores.outbox.enqueue(conv, text(k), Date.now());
    plane.wake();
    await waitFor('3 sends', () => graph.sendsTo('16505550001').length === 3);
    expect(graph.textsTo('16505550001')).toEqual(['a', 'b', 'c']);
    // The fake answers before the sender acks and releases: wait for the outbox to settle.
    await waitFor('outbox settled', async () => (await ctx.stores.outbox.pendingCount()) === 0);
    const id = await ctx.stores.outbox.sentId(conv, 'b');
    expect(id).toMatch(/^wamid\./);
    expect(await ctx.stores.messages.get(conv, id!)).toMatchObject({ conv, key: 'b', state: 'accepted' });
  });

  it('a text over 4,096 characters goes out in parts, the status of each part tracked', async () => {
    const conv = asConversationId('demo:whatsapp:16505550009');
    await seedContact(ctx.stores, conv, { lastInboundAt: Date.now() });
    const long = `${'word '.repeat(900)}end`;
    await ctx.stores.outbox.enqueue(conv, { ...text('long'), message: { kind: 'text', text: long } }, Date.now());
    plane.wake();
    await waitFor('2 parts', () => graph.sendsTo('16505550009').length === 2);
    await waitFor('outbox settled', async () => (await ctx.stores.outbox.pendingCount()) === 0);
    const ids = graph.sendsTo('16505550009').map((r) => r.messageId!);
    for (const id of ids) expect(await ctx.stores.messages.get(conv, id)).toMatchObject({ key: 'long', state: 'accepted' });
    expect(await ctx.stores.outbox.sentId(conv, 'long')).toBe(ids[1]);
  });

  it('retries 5xx and throttling with back-off and still delivers in order', async () => {
    const conv = asConversationId('demo:whatsapp:16505550002');
    await seedContact(ctx.stores, conv, { lastInboundAt: Date.now() });
    graph.failNext(2, '5xx');
    graph.failNext(1, 'rate_limit', { code: 130429 });
    for (const k of ['1', '2', '3', '4']) await ctx.stores.outbox.enqueue(conv, text(k), Date.now());
    plane.wake();
    await waitFor('4 sends', () => graph.sendsTo('16505550002').length === 4);
    expect(graph.textsTo('16505550002')).toEqual(['1', '2', '3', '4']);
    expect(graph.duplicateKeys()).toEqual([]);
  });

  it('outside the 24-hour window sends the node template, or drops without one', async () => {
    const conv = asConversationId('demo:whatsapp:16505550003');
    await seedContact(ctx.stores, conv, { lastInboundAt: Date.now() - 25 * 3600 * 1000 });
    await ctx.stores.outbox.enqueue(conv, text('free', { fallbackTemplate: template }), Date.now());
    await ctx.stores.outbox.enqueue(conv, text('no-template'), Date.now());
    plane.wake();
    await waitFor(
      'outbox drained',
      async () => (await ctx.stores.outbox.pendingCount()) === 0 && (await ctx.stores.outbox.head(conv)) === null,
    );
    const sends = graph.sendsTo('16505550003');
    expect(sends).toHaveLength(1);
    expect(sends[0]?.body).toMatchObject({ type: 'template', template: { name: 'order_update' } });
  });

  it('a synchronous 131047 switches to the template', async () => {
    const conv = asConversationId('demo:whatsapp:16505550004');
    await seedContact(ctx.stores, conv, { lastInboundAt: Date.now() });
    graph.failNext(1, 'window_closed');
    await ctx.stores.outbox.enqueue(conv, text('hello', { fallbackTemplate: template }), Date.now());
    plane.wake();
    await waitFor('template sent', () => graph.sendsTo('16505550004').length === 1);
    expect(graph.sendsTo('16505550004')[0]?.body).toMatchObject({ type: 'template' });
  });

  it('token failure pauses the tenant; resume delivers what waited', async () => {
    const conv = asConversationId('demo:whatsapp:16505550005');
    await seedContact(ctx.stores, conv, { lastInboundAt: Date.now() });
    graph.failNext(1, 'token_expired');
    await ctx.stores.outbox.enqueue(conv, text('waits'), Date.now());
    plane.wake();
    await waitFor('tenant paused', () => ctx.stores.tenants.paused('demo'));
    expect(graph.sendsTo('16505550005')).toHaveLength(0);
    expect((await ctx.stores.outbox.head(conv))?.key).toBe('waits');
    await ctx.stores.tenants.resume('demo');
    // The paused conversation is rechecked after 5 s; make it due now the way a new message would.
    await ctx.stores.outbox.enqueue(conv, text('after'), Date.now());
    await waitFor('sent after resume', () => graph.sendsTo('16505550005').length === 2, 8000);
    expect(graph.textsTo('16505550005')).toEqual(['waits', 'after']);
  }, 15_000);

  it('paces messages to one recipient while others are sent meanwhile', async () => {
    ctx.config.send.recipientPacingMs = 150;
    const paced = asConversationId('demo:whatsapp:16505550007');
    const other = asConversationId('demo:whatsapp:16505550008');
    await seedContact(ctx.stores, paced, { lastInboundAt: Date.now() });
    await seedContact(ctx.stores, other, { lastInboundAt: Date.now() });
    for (const k of ['p1', 'p2', 'p3']) await ctx.stores.outbox.enqueue(paced, text(k), Date.now());
    await ctx.stores.outbox.enqueue(other, text('o1'), Date.now());
    plane.wake();
    await waitFor('paced sends', () => graph.sendsTo('16505550007').length === 3, 5000);
    const times = graph.sendsTo('16505550007').map((r) => r.receivedAt);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(140);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(140);
    expect(graph.sendsTo('16505550008')[0]!.receivedAt).toBeLessThan(times[2]!);
    expect(graph.textsTo('16505550007')).toEqual(['p1', 'p2', 'p3']);
  });

  it('a template Meta paused or disabled since it was queued is not attempted: dead-lettered with the reason, counted', async () => {
    const templates = fakeTemplateService();
    ctx.templates = templates;
    templates.setStatus('demo', 'order_update', 'en', 'approved', 'utility');
    templates.setStatus('demo', 'cart_reminder', 'en', 'paused', 'marketing');
    templates.setStatus('demo', 'cart_reminder', 'es', 'disabled', 'marketing');
    const conv = asConversationId('demo:whatsapp:16505550010');
    // The window is closed: templates still go, a free-form message goes as its template.
    await seedContact(ctx.stores, conv, { lastInboundAt: Date.now() - 25 * 3600 * 1000 });
    const cart = (language: string) => ({
      kind: 'template' as const,
      name: 'cart_reminder',
      language,
      params: {},
      category: 'marketing' as const,
    });
    await ctx.stores.outbox.enqueue(conv, { ...text('paused'), message: cart('en') }, Date.now());
    await ctx.stores.outbox.enqueue(conv, { ...text('disabled'), message: cart('es') }, Date.now());
    // Outside the window this one would go as its template: that one is checked too.
    await ctx.stores.outbox.enqueue(conv, text('fallback', { fallbackTemplate: { ...cart('en') } }), Date.now());
    await ctx.stores.outbox.enqueue(conv, { ...text('approved'), message: template }, Date.now());
    plane.wake();
    await waitFor('approved sent', () => graph.sendsTo('16505550010').length === 1);
    expect(graph.sendsTo('16505550010')[0]?.body).toMatchObject({ type: 'template', template: { name: 'order_update' } });
    await waitFor('outbox settled', async () => (await ctx.stores.outbox.head(conv)) === null);
    const letters = (await ctx.stores.deadLetters.list(10)).flatMap((l) => (l.conv === conv && l.queue !== 'inbox' ? [l] : []));
    expect(letters.map((l) => [l.item.key, l.reason.split(':')[0], l.code]).sort()).toEqual([
      ['disabled', 'template_disabled', 132016],
      ['fallback', 'template_paused', 132015],
      ['paused', 'template_paused', 132015],
    ]);
    expect(letters.find((l) => l.item.key === 'paused')?.reason).toContain('cart_reminder (en) is paused');
    const counted = await ctx.metrics.registry.getSingleMetricAsString('parley_template_sends_blocked_total');
    expect(counted).toContain('parley_template_sends_blocked_total{status="paused"} 2');
    expect(counted).toContain('parley_template_sends_blocked_total{status="disabled"} 1');
  });

  it('a template inside the window went unchecked before templates were files, and still does with templates off', async () => {
    ctx.templates = fakeTemplateService({ enabled: false });
    const conv = asConversationId('demo:whatsapp:16505550011');
    await seedContact(ctx.stores, conv, { lastInboundAt: Date.now() });
    await ctx.stores.outbox.enqueue(conv, { ...text('t'), message: template }, Date.now());
    plane.wake();
    await waitFor('sent', () => graph.sendsTo('16505550011').length === 1);
  });

  it('permanent errors go to the dead-letter list', async () => {
    const conv = asConversationId('demo:whatsapp:16505550006');
    await seedContact(ctx.stores, conv, { lastInboundAt: Date.now() });
    graph.failNext(1, '5xx', { code: 100, httpStatus: 400 });
    await ctx.stores.outbox.enqueue(conv, text('bad'), Date.now());
    await ctx.stores.outbox.enqueue(conv, text('good'), Date.now());
    plane.wake();
    await waitFor('good sent', () => graph.sendsTo('16505550006').length === 1);
    const letters = await ctx.stores.deadLetters.list(10);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ conv, item: { key: 'bad' } });
  });
});
