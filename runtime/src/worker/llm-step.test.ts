/** A flow's llm step goes through the nlu package's LlmClient: the resolved key, and its circuit breaker. */
import { expect, it } from 'vitest';
import { conversationId } from '../conversation';
import { createMemoryStores } from '../stores';
import { createTestContext } from '../testing/context';
import { runJob } from './jobs';

const llm = { llm: { baseUrl: 'http://llm.test/v1', model: 'writer', apiKeyEnv: 'STEP_LLM_KEY', timeoutMs: 1000 } };
const conv = conversationId('demo', 'whatsapp', '16505550100');

it('asks the endpoint with the resolved key, the context and the prompt, and queues the text for the flow', async () => {
  const calls: Array<{ url: string; auth: string | null; body: unknown }> = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), auth: new Headers(init?.headers).get('authorization'), body: JSON.parse(String(init?.body)) });
    return Response.json({ choices: [{ message: { content: 'Ships today.' } }] });
  }) as typeof globalThis.fetch;
  const ctx = createTestContext(createMemoryStores(), { config: { ...testTenants(), ...llm }, env: { STEP_LLM_KEY: 'sk-step' }, fetch });
  await runJob(ctx, conv, { type: 'llm', requestId: 'q1', nodeId: 'ai', prompt: 'Summarize', context: { order: 7 } });
  expect(calls).toEqual([
    {
      url: 'http://llm.test/v1/chat/completions',
      auth: 'Bearer sk-step',
      body: {
        model: 'writer',
        messages: [
          { role: 'system', content: '{"order":7}' },
          { role: 'user', content: 'Summarize' },
        ],
      },
    },
  ]);
  expect(await ctx.stores.inbox.peek(conv)).toMatchObject({
    kind: 'engine',
    event: { type: 'llm.done', requestId: 'q1', text: 'Ships today.' },
  });
});

it('after repeated failures the breaker opens and later steps fail at once, without calling the endpoint', async () => {
  let calls = 0;
  const fetch = (async () => {
    calls++;
    return new Response('down', { status: 503 });
  }) as typeof globalThis.fetch;
  const ctx = createTestContext(createMemoryStores(), { config: { ...testTenants(), ...llm }, env: {}, fetch });
  // A preview conversation: the simulator shows each step's result, in order.
  const preview = conversationId('demo', 'simulator', 'sid-12345678');
  const errors: unknown[] = [];
  ctx.simulator.subscribe('sid-12345678', (event) => errors.push('result' in event ? event.result : null));
  for (let i = 0; i < 6; i++) await runJob(ctx, preview, { type: 'llm', requestId: `f${i}`, nodeId: 'ai', prompt: 'x', context: {} });
  expect(calls).toBe(5);
  expect(errors.at(0)).toEqual({ error: 'LLM endpoint answered HTTP 503' });
  expect(errors.at(-1)).toEqual({ error: 'circuit breaker open after repeated LLM failures' });
});

/** The test tenant without its secrets (env: {} above): the LLM step does not need them. */
function testTenants(): Record<string, unknown> {
  return { tenants: [{ id: 'demo', channels: [{ type: 'whatsapp', phoneNumberId: '106540352242922' }] }] };
}
