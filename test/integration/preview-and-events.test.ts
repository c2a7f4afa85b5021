/**
 * Issue #9: preview traffic is kept apart (desk, helpdesk, analytics, metrics, dead letters);
 * reactions, edits and system notices are events, not answers or flow starters; the message
 * that starts a flow is its first step's input. On real Redis and on the memory store.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wa } from '../fake-graph';
import { waitFor } from '../../runtime/src/testing/seed';
import { TEST_PHONE_NUMBER_ID } from '../../runtime/src/testing/context';
import { openSimulatorStream, startStack, type Stack } from './harness';
import { asConversationId } from '../../runtime/src/conversation';

const quiet = (ms = 400): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Counter and histogram samples of /metrics ("name{labels}" → value); the store-wide gauges are left out. */
async function samples(stack: Stack): Promise<Map<string, number>> {
  const res = await stack.api('GET', '/metrics');
  const out = new Map<string, number>();
  for (const line of String(res.body).split('\n')) {
    if (!line.startsWith('parley_') || line.startsWith('parley_queue_depth') || line.startsWith('parley_active_conversations')) continue;
    const cut = line.lastIndexOf(' ');
    out.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return out;
}

describe.each(['redis', 'memory'] as const)('on %s', (store) => {
  let stack: Stack;
  let helpdesk: Server;
  const announced: Array<{ type: string; conversation: string }> = [];
  const lookups: string[] = [];

  beforeAll(async () => {
    helpdesk = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        announced.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => helpdesk.listen(0, '127.0.0.1', () => r()));
    const { port } = helpdesk.address() as { port: number };
    stack = await startStack({
      store,
      fixtures: ['desk-demo.flow.json', 'events-demo.flow.json'],
      config: {
        handoff: { webhookUrl: `http://127.0.0.1:${port}/parley` },
        tenants: [
          {
            id: 'demo',
            defaultFlow: 'events-demo',
            appSecretEnv: 'T_APP_SECRET',
            verifyTokenEnv: 'T_VERIFY_TOKEN',
            accessTokenEnv: 'T_ACCESS_TOKEN',
            channels: [{ type: 'whatsapp', phoneNumberId: TEST_PHONE_NUMBER_ID }],
          },
        ],
      },
    });
    // The order-status flow's shop: answered here, every URL kept.
    stack.ctx.flowFetch = (async (url: string | URL) => {
      lookups.push(String(url));
      return new Response(JSON.stringify({ orders: [{ status: 'processing', eta: 'tomorrow' }] }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
  });
  afterAll(async () => {
    await stack?.stop();
    await new Promise((r) => helpdesk?.close(r));
  });

  it('a preview chat that reaches a handoff shows it in the preview, and nowhere else', async () => {
    const before = await samples(stack);
    const created = await stack.api('POST', '/api/simulator/sessions', { flowId: 'desk-demo' });
    expect(created.status).toBe(201);
    const sid = created.body.sessionId as string;
    const stream = await openSimulatorStream(stack, sid);
    try {
      await waitFor('name prompt', () => stream.events.some((e) => e.type === 'bot' && e.message?.text === 'Your name?'));
      expect((await stack.api('POST', `/api/simulator/sessions/${sid}/messages`, { message: { kind: 'text', text: 'Ana' } })).status).toBe(
        202,
      );
      await waitFor('handoff in the preview', () => stream.events.find((e) => e.type === 'handoff'));
      expect(stream.events.find((e) => e.type === 'handoff')).toEqual({
        type: 'handoff',
        nodeId: 'to_person',
        queue: 'sales',
        reason: 'wants a quote',
      });
      await waitFor('handoff message', () => stream.events.some((e) => e.type === 'bot' && e.message?.text === 'Connecting you, Ana'));
      // A message while "handed off" stays in the preview too.
      await stack.api('POST', `/api/simulator/sessions/${sid}/messages`, { message: { kind: 'text', text: 'hello?' } });
      await waitFor('state after the message', () => stream.events.filter((e) => e.type === 'state' && e.status === 'handoff').length >= 2);
      await quiet();
    } finally {
      await stream.close();
    }
    expect((await stack.api('GET', '/api/handoffs')).body.handoffs).toEqual([]);
    expect(announced).toEqual([]);
    const analytics = await stack.api('GET', '/api/analytics/desk-demo');
    expect(analytics.body).toEqual({ nodes: {}, starts: 0, completions: 0 });
    // No metric sample moved: preview traffic is not counted (docs/operations.md).
    const after = await samples(stack);
    const moved = [...after].filter(([name, value]) => (before.get(name) ?? 0) !== value).map(([name]) => name);
    expect(moved).toEqual([]);
  });

  it('a preview message WhatsApp would refuse shows as an error in the preview, not as a dead letter', async () => {
    const flow = {
      id: 'preview-refused',
      name: 'Refused',
      specVersion: '1.0.0',
      revision: 1,
      languages: ['en'],
      start: 'say',
      variables: { picture: { type: 'string' } },
      nodes: [
        // The picture's URL is never set: WhatsApp refuses a media message without one.
        { id: 'say', type: 'message', media: { type: 'image', url: '{{picture}}' }, exits: { next: 'after' } },
        { id: 'after', type: 'message', text: 'still here', exits: { next: null } },
      ],
    };
    const created = await stack.api('POST', '/api/simulator/sessions', { flowId: 'preview-refused', flow });
    expect(created.status).toBe(201);
    const stream = await openSimulatorStream(stack, created.body.sessionId as string);
    try {
      await waitFor('the next message', () => stream.events.some((e) => e.type === 'bot' && e.message?.text === 'still here'));
      const errors = stream.events.filter((e) => e.type === 'error');
      expect(errors).toEqual([
        {
          type: 'error',
          message: expect.stringMatching(/^say: WhatsApp would refuse this message \(message\.media\.url: expected the media URL\)/),
        },
      ]);
      expect(stream.events.filter((e) => e.type === 'bot')).toHaveLength(1);
    } finally {
      await stream.close();
    }
    expect((await stack.api('GET', '/api/dead-letters')).body).toEqual([]);
  });

  it('a reaction at a text question is not saved: the question keeps waiting, without a re-ask', async () => {
    const from = '491700004101';
    const conv = asConversationId(`demo:whatsapp:${from}`);
    await stack.graph.postInbound(from, 'eventsdemo');
    await waitFor('prompt', () => stack.graph.textsTo(from).length === 1);
    const promptId = stack.graph.sendsTo(from)[0]!.messageId!;
    await stack.graph.postInbound(from, wa.reaction(promptId, '😮'));
    await stack.graph.postInbound(from, wa.unsupported('edit'));
    await quiet();
    expect(stack.graph.textsTo(from)).toEqual(['What should we call you?']);
    const state = await stack.ctx.stores.conversations.load(conv);
    expect(state.session?.snapshot).toMatchObject({ status: 'waiting', waitingAt: 'ask_name' });
    expect(state.session?.snapshot.variables.name).toBeUndefined();
    await stack.graph.postInbound(from, 'Ana');
    await waitFor('saved', () => stack.graph.textsTo(from).length === 2);
    expect(stack.graph.textsTo(from)[1]).toBe('OK saved=Ana');
  });

  it('after the flow ended, a reaction removal, a system notice or an edit starts no flow (a text does)', async () => {
    const from = '491700004102';
    await stack.graph.postInbound(from, 'eventsdemo');
    await waitFor('prompt', () => stack.graph.textsTo(from).length === 1);
    await stack.graph.postInbound(from, 'Bo');
    await waitFor('ended', () => stack.graph.textsTo(from).length === 2);
    const savedId = stack.graph.sendsTo(from)[1]!.messageId!;
    await stack.graph.postInbound(from, wa.reaction(savedId));
    await stack.graph.postInbound(from, wa.system(from, '491700004199'));
    await stack.graph.postInbound(from, wa.unsupported('edit'));
    await quiet();
    expect(stack.graph.textsTo(from)).toHaveLength(2);
    expect((await stack.ctx.stores.conversations.load(asConversationId(`demo:whatsapp:${from}`))).session ?? null).toBeNull();
    // A real message still starts a flow.
    await stack.graph.postInbound(from, 'eventsdemo');
    await waitFor('a new flow', () => stack.graph.textsTo(from).length === 3);
    expect(stack.graph.textsTo(from)[2]).toBe('What should we call you?');
  });

  it('the message that starts a flow is its first input: the order number is looked up, not asked for', async () => {
    const from = '491700004103';
    await stack.graph.postInbound(from, 'where is my order 123456? tracking please');
    await waitFor('answer', () => stack.graph.textsTo(from).length >= 2);
    expect(stack.graph.textsTo(from)).toEqual([
      'Order #123456 is being packed and should ship tomorrow.',
      'Can I help with anything else?',
    ]);
    expect(lookups.filter((u) => u.includes('number='))).toContain('https://shop.example.com/api/orders?number=123456');
  });
});
