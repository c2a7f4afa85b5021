import { isWellFormed } from '@parley/flow';
import { expect, it } from 'vitest';
import { createMemoryStores } from '../stores';
import { createTestContext } from '../testing/context';
import { runJob } from './jobs';
import { asConversationId } from '../conversation';

it('a flow http request to a private address fails at once (no retries) and the flow gets the reason', async () => {
  const ctx = createTestContext(createMemoryStores());
  const conv = asConversationId('demo:whatsapp:16505550100');
  const started = Date.now();
  await runJob(ctx, conv, {
    type: 'http',
    requestId: 'r1',
    nodeId: 'lookup',
    request: { method: 'GET', url: 'http://169.254.169.254/latest/meta-data/', headers: {}, timeoutMs: 5000, retries: 3 },
  });
  expect(Date.now() - started).toBeLessThan(1000);
  const item = await ctx.stores.inbox.peek(conv);
  expect(item).toMatchObject({
    kind: 'engine',
    event: { type: 'http.failed', requestId: 'r1', error: expect.stringMatching(/169\.254\.169\.254 is a private or reserved address/) },
  });
});

it('in the simulator, a request and the answer the flow got are published for the preview, and the result is queued', async () => {
  const flowFetch = (async () =>
    new Response(JSON.stringify({ stock: 3 }), { status: 200, headers: { 'x-shop': 'demo' } })) as typeof fetch;
  const ctx = createTestContext(createMemoryStores(), { flowFetch });
  const conv = asConversationId('sim:simulator:sid-12345678');
  const seen: Array<{ event: unknown }> = [];
  ctx.simulator.subscribe('sid-12345678', (event) => seen.push({ event }));
  const queued = async () => (await ctx.stores.inbox.peek(conv)) !== null;
  await runJob(ctx, conv, {
    type: 'http',
    requestId: 'r1',
    nodeId: 'stock',
    request: {
      method: 'GET',
      url: 'https://shop.example/stock?sku=1',
      headers: { authorization: 'Bearer secret' },
      timeoutMs: 5000,
      retries: 0,
    },
  });
  expect(await queued()).toBe(true);
  expect(seen.map((s) => s.event)).toEqual([
    {
      type: 'http',
      requestId: 'r1',
      nodeId: 'stock',
      request: { method: 'GET', url: 'https://shop.example/stock?sku=1' },
      result: { status: 200, body: { stock: 3 }, headers: expect.objectContaining({ 'x-shop': 'demo' }) },
    },
  ]);
  // The request's headers (credentials) are not part of the event.
  expect(JSON.stringify(seen)).not.toContain('secret');
});

it('in the simulator, a failed request and an LLM call without a model are published with their reason', async () => {
  const ctx = createTestContext(createMemoryStores());
  const conv = asConversationId('sim:simulator:sid-12345678');
  const seen: unknown[] = [];
  ctx.simulator.subscribe('sid-12345678', (event) => seen.push(event));
  await runJob(ctx, conv, {
    type: 'http',
    requestId: 'r2',
    nodeId: 'lookup',
    request: { method: 'POST', url: 'http://169.254.169.254/x', headers: {}, timeoutMs: 5000, retries: 2 },
  });
  await runJob(ctx, conv, { type: 'llm', requestId: 'r3', nodeId: 'ai', prompt: 'Summarize the order', context: {} });
  expect(seen).toEqual([
    {
      type: 'http',
      requestId: 'r2',
      nodeId: 'lookup',
      request: { method: 'POST', url: 'http://169.254.169.254/x' },
      result: { error: expect.stringMatching(/private or reserved/) },
    },
    { type: 'llm', requestId: 'r3', nodeId: 'ai', prompt: 'Summarize the order', result: { error: 'no LLM endpoint is configured' } },
  ]);
});

it('outside the simulator nothing is published', async () => {
  const ctx = createTestContext(createMemoryStores(), { flowFetch: (async () => new Response('ok')) as typeof fetch });
  const seen: unknown[] = [];
  ctx.simulator.subscribe('16505550100', (event) => seen.push(event));
  await runJob(ctx, asConversationId('demo:whatsapp:16505550100'), {
    type: 'http',
    requestId: 'r4',
    nodeId: 'n',
    request: { method: 'GET', url: 'https://x.example/', headers: {}, timeoutMs: 1000, retries: 0 },
  });
  expect(seen).toEqual([]);
});

it('a body over the size cap is cut between graphemes, never inside an emoji', async () => {
  const flowFetch = (async () => new Response(`${'a'.repeat(256 * 1024 - 1)}😀${'b'.repeat(10)}`)) as typeof fetch;
  const ctx = createTestContext(createMemoryStores(), { flowFetch });
  const conv = asConversationId('demo:whatsapp:16505550101');
  await runJob(ctx, conv, {
    type: 'http',
    requestId: 'r5',
    nodeId: 'n',
    request: { method: 'GET', url: 'https://x.example/', headers: {}, timeoutMs: 1000, retries: 0 },
  });
  const item = await ctx.stores.inbox.peek(conv);
  const body = (item as { event: { body: string } }).event.body;
  expect(body).toBe('a'.repeat(256 * 1024 - 1));
  expect(isWellFormed(body)).toBe(true);
});
