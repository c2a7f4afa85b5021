/**
 * Understanding inside a subflow, end to end on real Redis and the fake Graph API: support-faq
 * runs order-status as a subflow, and the order number (an entity only order-status defines)
 * must be recognised while the child asks for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../../test/integration/harness';
import { waitFor } from '../testing/seed';

/** The first message of a flow trains its classifier; the machine is shared: be patient. */
const SLOW = 15_000;
let stack: Stack;
const shopRequests: string[] = [];

beforeAll(async () => {
  stack = await startStack();
  // The flow's order lookup goes to a fake shop (flow http nodes use flowFetch; the Graph API the real fetch).
  const guarded = stack.ctx.flowFetch;
  stack.ctx.flowFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith('https://shop.example.com/')) return guarded(input, init);
    shopRequests.push(url);
    const number = new URL(url).searchParams.get('number');
    return new Response(
      JSON.stringify({ orders: [{ number, status: 'shipped', carrier: 'UPS', eta: 'tomorrow', tracking_url: 'https://t.example/1' }] }),
      {
        status: 200,
        headers: { 'content-type': 'application/json' },
      },
    );
  }) as typeof fetch;
});
afterAll(async () => stack?.stop());

describe("a message inside a subflow is understood with the subflow's intents and entities", () => {
  it('support-faq → order-status: the order number entity is recognised and looked up', async () => {
    const from = '491700000777';
    await stack.graph.postInbound(from, 'hello');
    await waitFor('the FAQ question', () => stack.graph.textsTo(from).some((t) => /What can I help you with/.test(t)), SLOW);
    await stack.graph.postInbound(from, 'where is my order?');
    await waitFor('the order number prompt', () => stack.graph.textsTo(from).some((t) => /What's your order number/.test(t)), SLOW);
    const before = stack.graph.textsTo(from).length;
    await stack.graph.postInbound(from, 'it is #482913');
    await waitFor('the answer to the order number', () => stack.graph.textsTo(from).length > before, SLOW);
    const reply = stack.graph.textsTo(from)[before]!;
    expect(reply).not.toMatch(/couldn't find an order number/);
    await waitFor('the shipped message', () => stack.graph.textsTo(from).some((t) => /order #482913 has shipped with UPS/.test(t)), SLOW);
    expect(shopRequests).toContain('https://shop.example.com/api/orders?number=482913');
  });

  it('a caller\'s interrupt still works inside the subflow ("stop" is an intent of support-faq only)', async () => {
    const from = '491700000778';
    await stack.graph.postInbound(from, 'hello');
    await waitFor('the FAQ question', () => stack.graph.textsTo(from).some((t) => /What can I help you with/.test(t)), SLOW);
    await stack.graph.postInbound(from, 'where is my order?');
    await waitFor('the order number prompt', () => stack.graph.textsTo(from).some((t) => /What's your order number/.test(t)), SLOW);
    await stack.graph.postInbound(from, 'stop');
    await waitFor('the stop message', () => stack.graph.textsTo(from).some((t) => /I'll stop here/.test(t)), SLOW);
  });
});
