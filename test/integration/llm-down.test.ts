/** The LLM tier down: a holding message goes out once, the message is retried, then answered from tiers 1-3. */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../../runtime/src/testing/seed';
import { startStack, type Stack } from './harness';

let stack: Stack;
let llm: Server;
let llmCalls = 0;
beforeAll(async () => {
  llm = createServer((_req, res) => {
    llmCalls++;
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"overloaded"}');
  });
  await new Promise<void>((r) => llm.listen(0, '127.0.0.1', () => r()));
  const port = (llm.address() as { port: number }).port;
  stack = await startStack({
    config: {
      llm: {
        baseUrl: `http://127.0.0.1:${port}/v1`,
        model: 'test',
        holdingMessage: 'One moment, please…',
        retryForMs: 1500,
        timeoutMs: 500,
      },
    },
  });
});
afterAll(async () => {
  await stack?.stop();
  await new Promise((r) => llm?.close(r));
});

it('sends the holding message once and answers after the retry window', async () => {
  const from = '491700000020';
  await stack.graph.postInbound(from, 'track my order');
  await waitFor('prompt', () => stack.graph.textsTo(from).length === 1);
  await stack.graph.postInbound(from, 'I want to talk to someone about the weather and my cat');
  await waitFor('answered after the window', () => stack.graph.textsTo(from).length >= 3, 10_000);
  const texts = stack.graph.textsTo(from);
  expect(llmCalls).toBeGreaterThan(0);
  expect(texts.filter((t) => t === 'One moment, please…')).toHaveLength(1);
  expect(texts[1]).toBe('One moment, please…');
});
