import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSignature } from '@parley/channels';
import { fb, messengerWebhook, wa } from '../fake-graph';
import { TEST_APP_SECRET } from '../../runtime/src/testing/context';
import { waitFor } from '../../runtime/src/testing/seed';
import { startStack, type Stack, type StackStore } from './harness';
import { asConversationId } from '../../runtime/src/conversation';

// The whole pipeline, on a single Redis and on a real Redis Cluster (same code, sharded keys).
describe.each<StackStore>(['redis', 'redis-cluster'])('on %s', (store) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ store, fixtures: ['timer-demo.flow.json'] });
  });
  afterAll(async () => stack?.stop());

  describe('webhook → worker → commit → send (real Redis, fake Graph API)', () => {
    it('a keyword starts a flow; the reply reaches the Graph API once', async () => {
      const from = '491700000001';
      const res = await stack.graph.postInbound(from, 'I want to track my order');
      expect(res.status).toBe(200);
      await waitFor('first reply', () => stack.graph.textsTo(from).length >= 1);
      expect(stack.graph.textsTo(from)[0]).toMatch(/order number/);
      const sent = stack.graph.sendsTo(from)[0]!;
      expect(sent.body).toMatchObject({ messaging_product: 'whatsapp', to: from });
      // A duplicate delivery of the same webhook changes nothing.
      await stack.graph.postWebhook(res.payload);
      await new Promise((r) => setTimeout(r, 200));
      expect(stack.graph.sendsTo(from)).toHaveLength(1);
    });

    it('an intent trigger starts a flow when no keyword matches', async () => {
      const from = '491700000013';
      await stack.graph.postInbound(from, 'has my parcel shipped yet?');
      await waitFor('first reply', () => stack.graph.textsTo(from).length >= 1);
      expect(stack.graph.textsTo(from)[0]).toMatch(/order number/);
    });

    it('Messenger: a signed page webhook starts a flow and the reply goes to the page send API', async () => {
      const psid = '7001002003004';
      const body = JSON.stringify(messengerWebhook(psid, [fb.text('timer')]));
      const res = await fetch(`${stack.runtime.url}/webhooks/messenger`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': computeSignature(Buffer.from(body), TEST_APP_SECRET) },
      });
      expect(res.status).toBe(200);
      await waitFor('messenger reply', () => stack.graph.sendsTo(psid).length === 1);
      const sent = stack.graph.sendsTo(psid)[0]!;
      expect(sent.channel).toBe('messenger');
      expect(sent.body).toMatchObject({ recipient: { id: psid }, message: { text: 'What is your name?' } });
    });

    it('the session continues on the next message', async () => {
      const from = '491700000002';
      await stack.graph.postInbound(from, 'timer');
      await waitFor('prompt', () => stack.graph.textsTo(from).length === 1);
      await stack.graph.postInbound(from, 'Zoë');
      await waitFor('greeting', () => stack.graph.textsTo(from).length === 2);
      expect(stack.graph.textsTo(from)).toEqual(['What is your name?', 'Hello Zoë!']);
    });

    it('a persisted ask timeout fires through the scheduler (no in-process timer)', async () => {
      const from = '491700000003';
      await stack.graph.postInbound(from, 'timer');
      await waitFor('prompt', () => stack.graph.textsTo(from).length === 1);
      await waitFor('timeout message', () => stack.graph.textsTo(from).length === 2, 5000);
      expect(stack.graph.textsTo(from)[1]).toBe('Too slow!');
    });

    it('20 rapid messages from one user are processed in order', async () => {
      const from = '491700000004';
      await stack.graph.postInbound(from, 'timer');
      await waitFor('prompt', () => stack.graph.textsTo(from).length === 1);
      // Back to back, without waiting for replies: "timer 0" answers the prompt (greeting, flow ends),
      // "timer 1" starts the flow again by keyword (prompt), "timer 2" answers it, and so on.
      for (let i = 0; i < 20; i++) await stack.graph.postInbound(from, `timer ${i}`);
      const expected = ['What is your name?'];
      for (let i = 0; i < 20; i += 2) expected.push(`Hello timer ${i}!`, 'What is your name?');
      await waitFor('all replies', () => stack.graph.textsTo(from).length >= expected.length, 10_000);
      expect(stack.graph.textsTo(from)).toEqual(expected);
      expect(stack.graph.duplicateKeys()).toEqual([]);
    });

    it('a business event starts the triggered flow for a contact (inside the 24-hour window: free-form)', async () => {
      const from = '491700000005';
      // A message that matches no trigger (a photo) opens the window without starting a flow.
      await stack.graph.postInbound(from, wa.image());
      await waitFor(
        'inbound processed',
        async () => (await stack.ctx.stores.conversations.load(asConversationId(`demo:whatsapp:${from}`))).contact?.lastInboundAt,
      );
      const res = await stack.api('POST', '/api/events/cart.abandoned', {
        contact: { id: from, channel: 'whatsapp', name: 'Ana' },
        params: { checkout_url: 'https://shop.example.com/c/1', cart_total: 42.5, items: ['socks'], currency: 'EUR' },
      });
      expect(res.status).toBe(202);
      expect(res.body.flows).toEqual(['abandoned-cart']);
      await waitFor('reminder sent', () => stack.graph.textsTo(from).length >= 1);
      expect(stack.graph.textsTo(from)[0]).toMatch(/socks/);
      const unknown = await stack.api('POST', '/api/events/nothing.listens', { contact: { id: from, channel: 'whatsapp' }, params: {} });
      expect(unknown.status).toBe(404);
      const analytics = await stack.api('GET', '/api/analytics/abandoned-cart');
      expect(analytics.body.starts).toBe(1);
      expect(analytics.body.nodes.remind.visits).toBe(1);
    });

    it('outside the 24-hour window a message without a template is not sent (configured fallback: drop)', async () => {
      const res = await stack.api('POST', '/api/events/cart.abandoned', {
        contact: { id: '491700000006', channel: 'whatsapp' },
        params: { checkout_url: 'https://shop.example.com/c/2', cart_total: 1, items: ['hat'], currency: 'EUR' },
      });
      expect(res.status).toBe(202);
      await waitFor(
        'event processed',
        async () =>
          (await stack.ctx.stores.inbox.length(asConversationId('demo:whatsapp:491700000006'))) === 0 &&
          (await stack.ctx.stores.outbox.head(asConversationId('demo:whatsapp:491700000006'))) === null,
      );
      expect(stack.graph.sendsTo('491700000006')).toHaveLength(0);
    });

    it('outside the 24-hour window a message with outsideWindow goes as that template, rendered for the language', async () => {
      const res = await stack.api('POST', '/api/events/cart.abandoned', {
        contact: { id: '491700000016', channel: 'whatsapp', name: 'Maya' },
        params: {
          checkout_url: 'https://shop.example.com/c/3',
          cart_id: 'c3',
          cart_total: 129.9,
          items: ['hat', 'scarf'],
          currency: 'EUR',
        },
      });
      expect(res.status).toBe(202);
      await waitFor('template sent', () => stack.graph.sendsTo('491700000016').length === 1);
      const body = stack.graph.sendsTo('491700000016')[0]!.body as { type: string; template: { name: string; components: unknown[] } };
      expect(body.type).toBe('template');
      expect(body.template.name).toBe('cart_reminder');
      expect(body.template.components).toContainEqual({
        type: 'body',
        parameters: [
          { type: 'text', parameter_name: 'first_name', text: 'Maya' },
          { type: 'text', parameter_name: 'item_count', text: '2' },
          { type: 'text', parameter_name: 'cart_total', text: '€129.90' },
        ],
      });
    });
  });

  describe('delivery statuses', () => {
    it('a late failed status with 131047 re-sends the message as the node template', async () => {
      const from = '491700000007';
      const conv = asConversationId(`demo:whatsapp:${from}`);
      await stack.graph.postInbound(from, wa.image());
      await waitFor('contact recorded', async () => (await stack.ctx.stores.conversations.contact(conv))?.lastInboundAt);
      stack.graph.failNext(1, 'window_closed', { async: true });
      await stack.ctx.stores.outbox.enqueue(
        conv,
        {
          key: 'late-131047',
          nodeId: 'n1',
          lane: 0,
          attempts: 0,
          createdAt: Date.now(),
          message: { kind: 'text', text: 'free-form first' },
          fallbackTemplate: { kind: 'template', name: 'order_update', language: 'en', params: { body: ['7'] } },
        },
        Date.now(),
      );
      await waitFor('template re-sent', () => stack.graph.sendsTo(from).length === 2, 8000);
      const [first, second] = stack.graph.sendsTo(from);
      expect(first?.body).toMatchObject({ type: 'text' });
      expect(second?.body).toMatchObject({ type: 'template', template: { name: 'order_update' } });
      const state = await stack.ctx.stores.messages.get(conv, first!.messageId!);
      expect(state?.state).toBe('failed');
    });
  });

  describe('hot reload', () => {
    it('running sessions stay on the version they started on; new ones get the new version', async () => {
      const { writeFileSync, readFileSync } = await import('node:fs');
      const base = JSON.parse(readFileSync(new URL('./fixtures/timer-demo.flow.json', import.meta.url), 'utf8'));
      const v1 = { ...base, id: 'pin-demo', name: 'Pin demo', triggers: [{ type: 'keyword', keywords: ['pinword'] }] };
      v1.nodes = v1.nodes.map((n: { id: string; timeout?: string }) => (n.id === 'ask_name' ? { ...n, timeout: '1h' } : n));
      writeFileSync(`${stack.flowsDir}/pin-demo.flow.json`, JSON.stringify(v1, null, 2));
      await waitFor(
        'v1 live',
        async () =>
          (await stack.api('GET', '/api/flows')).body.some(
            (f: { id: string; publishedVersion: number | null }) => f.id === 'pin-demo' && f.publishedVersion === 1,
          ),
        3000,
      );
      const early = '491700000011';
      await stack.graph.postInbound(early, 'pinword');
      await waitFor('prompt', () => stack.graph.textsTo(early).length === 1);
      const v2 = {
        ...v1,
        revision: 2,
        nodes: v1.nodes.map((n: { id: string }) => (n.id === 'hello' ? { ...n, text: 'Welcome {{name}}!' } : n)),
      };
      writeFileSync(`${stack.flowsDir}/pin-demo.flow.json`, JSON.stringify(v2, null, 2));
      await waitFor(
        'v2 live',
        async () =>
          (await stack.api('GET', '/api/flows')).body.some(
            (f: { id: string; publishedVersion: number | null }) => f.id === 'pin-demo' && f.publishedVersion === 2,
          ),
        3000,
      );
      await new Promise((r) => setTimeout(r, 600)); // past the 500 ms live-version cache
      const late = '491700000012';
      await stack.graph.postInbound(late, 'pinword');
      await waitFor('late prompt', () => stack.graph.textsTo(late).length === 1);
      await stack.graph.postInbound(early, 'Ana');
      await stack.graph.postInbound(late, 'Bo');
      await waitFor('both greeted', () => stack.graph.textsTo(early).length === 2 && stack.graph.textsTo(late).length === 2);
      expect(stack.graph.textsTo(early)[1]).toBe('Hello Ana!');
      expect(stack.graph.textsTo(late)[1]).toBe('Welcome Bo!');
    });

    it('a valid new file is live within a second; an invalid one keeps the previous version', async () => {
      const { writeFileSync, readFileSync } = await import('node:fs');
      const base = JSON.parse(readFileSync(new URL('./fixtures/timer-demo.flow.json', import.meta.url), 'utf8'));
      const fresh = { ...base, id: 'hot-one', name: 'Hot one', triggers: [{ type: 'keyword', keywords: ['hotword'] }] };
      const started = Date.now();
      writeFileSync(`${stack.flowsDir}/hot-one.flow.json`, JSON.stringify(fresh, null, 2));
      await waitFor(
        'hot-one live',
        async () =>
          (await stack.api('GET', '/api/flows')).body.some(
            (f: { id: string; publishedVersion: number | null }) => f.id === 'hot-one' && f.publishedVersion === 1,
          ),
        3000,
      );
      expect(Date.now() - started).toBeLessThan(1000);
      writeFileSync(`${stack.flowsDir}/hot-one.flow.json`, '{ "id": "hot-one", ');
      await waitFor(
        'issues reported',
        async () => (await stack.api('GET', '/api/flows')).body.find((f: { id: string }) => f.id === 'hot-one').issues.length > 0,
        3000,
      );
      const from = '491700000009';
      await stack.graph.postInbound(from, 'hotword');
      await waitFor('previous version still serves', () => stack.graph.textsTo(from).length === 1);
    });
  });
});
