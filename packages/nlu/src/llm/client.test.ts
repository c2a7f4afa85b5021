import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUnderstander } from '../understand/understander';
import { LlmClassifier, LlmClient } from './client';

/** A real HTTP fake of an OpenAI-compatible endpoint; each test sets how it answers. */
type Handler = (body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler;
let server: Server;
let baseUrl: string;
const requests: Array<{ body: Record<string, unknown>; auth?: string }> = [];
let inFlight = 0;
let maxInFlight = 0;

const reply = (res: ServerResponse, content: unknown, status = 200) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify(
      status === 200 ? { choices: [{ message: { role: 'assistant', content: JSON.stringify(content) } }] } : { error: 'boom' },
    ),
  );
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      requests.push({ body, auth: req.headers.authorization });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on('close', () => {
        inFlight--;
      });
      handler(body, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);
beforeEach(() => {
  requests.length = 0;
  maxInFlight = 0;
});

/** The parts of a chat-completions request body the tests look at. */
interface SentRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format: { type: string; json_schema: { schema: { properties: { intent: { enum: string[] } } } } };
}

const candidates = [{ name: 'refund', description: 'money back' }, { name: 'order_status' }];

describe('LlmClassifier against a local endpoint', () => {
  it('sends the candidates as a strict JSON schema and reads the answer', async () => {
    handler = (_, __, res) => reply(res, { intent: 'refund', confidence: 0.92 });
    const llm = new LlmClassifier({ baseUrl, model: 'test-model', apiKey: 'sk-test' });
    const outcome = await llm.classify('I was overcharged, I want it back', candidates);
    expect(outcome).toEqual({ status: 'ok', intent: 'refund', confidence: 0.92, cached: false });
    const { body: raw, auth } = requests[0] as { body: Record<string, unknown>; auth?: string };
    const body = raw as unknown as SentRequest;
    expect(auth).toBe('Bearer sk-test');
    expect(body.model).toBe('test-model');
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema.schema.properties.intent.enum).toEqual(['refund', 'order_status', 'none']);
    expect(body.messages[1]?.content).toBe('I was overcharged, I want it back');
  });

  it('answers repeated questions from its cache', async () => {
    handler = (_, __, res) => reply(res, { intent: 'order_status', confidence: 0.8 });
    const llm = new LlmClassifier({ baseUrl, model: 'm' });
    await llm.classify('parcel?', candidates);
    const second = await llm.classify('parcel?', candidates);
    expect(second).toMatchObject({ status: 'ok', intent: 'order_status', cached: true });
    expect(requests).toHaveLength(1);
  });

  it('treats an intent outside the list, or low confidence, as none', async () => {
    handler = (_, __, res) => reply(res, { intent: 'delete_account', confidence: 0.99 });
    expect(await new LlmClassifier({ baseUrl, model: 'm' }).classify('x', candidates)).toMatchObject({ status: 'ok', intent: null });
    handler = (_, __, res) => reply(res, { intent: 'refund', confidence: 0.2 });
    expect(await new LlmClassifier({ baseUrl, model: 'm' }).classify('y', candidates)).toMatchObject({ status: 'ok', intent: null });
  });

  it('is unavailable after its timeout', async () => {
    handler = (_, __, res) => {
      setTimeout(() => reply(res, { intent: 'refund', confidence: 1 }), 500);
    };
    const outcome = await new LlmClassifier({ baseUrl, model: 'm', timeoutMs: 50 }).classify('slow', candidates);
    expect(outcome).toEqual({ status: 'unavailable', reason: 'LLM timed out after 50 ms' });
  });

  it('opens the circuit after repeated failures and stops calling, then tries again after the reset time', async () => {
    let now = 0;
    handler = (_, __, res) => reply(res, null, 500);
    const llm = new LlmClassifier({ baseUrl, model: 'm', breaker: { failureThreshold: 2, resetMs: 1000 }, now: () => now });
    expect(await llm.classify('a', candidates)).toMatchObject({ status: 'unavailable', reason: 'LLM endpoint answered HTTP 500' });
    await llm.classify('b', candidates);
    expect(llm.breakerState).toBe('open');
    expect(await llm.classify('c', candidates)).toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining('circuit breaker'),
    });
    // Only this test's messages count: a request aborted by an earlier test may still arrive late on a loaded machine.
    const sent = requests.map((r) => (r.body as unknown as SentRequest).messages[1]?.content);
    expect(sent.filter((c) => c === 'a' || c === 'b' || c === 'c')).toEqual(['a', 'b']);
    now = 1500;
    handler = (_, __, res) => reply(res, { intent: 'refund', confidence: 0.9 });
    expect(await llm.classify('d', candidates)).toMatchObject({ status: 'ok', intent: 'refund' });
    expect(llm.breakerState).toBe('closed');
  });

  it('never has more calls in flight than its concurrency cap', async () => {
    handler = (_, __, res) => {
      setTimeout(() => reply(res, { intent: 'refund', confidence: 0.9 }), 40);
    };
    const llm = new LlmClassifier({ baseUrl, model: 'm', maxConcurrent: 2 });
    const outcomes = await Promise.all(['1', '2', '3', '4', '5'].map((t) => llm.classify(t, candidates)));
    expect(outcomes.every((o) => o.status === 'ok')).toBe(true);
    expect(maxInFlight).toBe(2);
  });
});

describe('understandAsync', () => {
  const flow = {
    languages: ['en'],
    intents: [
      { name: 'refund', examples: { en: ['i want my money back', 'refund please', 'can i get a refund'] } },
      { name: 'order_status', examples: { en: ['where is my order', 'track my parcel', 'has it shipped'] } },
    ],
  };

  it('asks the LLM only for what tiers 1-3 could not settle', async () => {
    handler = (_, __, res) => reply(res, { intent: 'refund', confidence: 0.88 });
    const understander = createUnderstander({ flow, llm: { baseUrl, model: 'm' } });
    const settled = await understander.understandAsync({ kind: 'text', text: 'where is my order' });
    expect(settled.tier).toBe('classifier');
    expect(requests).toHaveLength(0);
    const hard = await understander.understandAsync({ kind: 'text', text: 'the charge on my statement looks off, I expect reimbursement' });
    expect(hard).toMatchObject({ intent: 'refund', tier: 'llm', confidence: 0.88 });
    expect(requests).toHaveLength(1);
  });

  it('says the LLM is unavailable when the endpoint is down', async () => {
    const understander = createUnderstander({ flow, llm: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 500 } });
    const result = await understander.understandAsync({ kind: 'text', text: 'blorp zzyzx quux' });
    expect(result).toMatchObject({ intent: null, llmUnavailable: true });
    expect(result.reasons.at(-1)).toMatch(/^llm unavailable/);
  });

  it('can pick an offered choice', async () => {
    handler = (body, __, res) => {
      const names = (body as unknown as SentRequest).response_format.json_schema.schema.properties.intent.enum;
      reply(res, { intent: names.find((n) => n.startsWith('choice:')), confidence: 0.9 });
    };
    const understander = createUnderstander({ flow, llm: { baseUrl, model: 'm' } });
    const result = await understander.understandAsync(
      { kind: 'text', text: 'zzz qqq' },
      { nodeId: 'n', intents: [], interruptIntents: [], choices: [{ id: 'express', title: 'Express shipping' }], language: 'en' },
    );
    expect(result.choice).toEqual({ id: 'express', confidence: 0.9, tier: 'llm' });
  });
});

describe('LlmClient.complete (a flow llm step)', () => {
  it('sends the messages and returns the first choice', async () => {
    handler = (_, __, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { content: 'Your order ships today.' } }] }));
    };
    const client = new LlmClient({ baseUrl, model: 'writer', apiKey: 'sk-2' });
    const messages = [
      { role: 'system' as const, content: '{"order":1}' },
      { role: 'user' as const, content: 'Summarize' },
    ];
    expect(await client.complete(messages)).toEqual({ status: 'ok', text: 'Your order ships today.' });
    expect(requests[0]).toEqual({ body: { model: 'writer', messages }, auth: 'Bearer sk-2' });
  });

  it('is unavailable on an answer without text, and shares the breaker with every other call', async () => {
    handler = (_, __, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"choices":[]}');
    };
    const client = new LlmClient({ baseUrl, model: 'm', breaker: { failureThreshold: 2, resetMs: 60_000 } });
    expect(await client.complete([{ role: 'user', content: 'a' }])).toEqual({ status: 'unavailable', reason: 'no text in the answer' });
    handler = (_, __, res) => reply(res, null, 503);
    expect(await client.complete([{ role: 'user', content: 'b' }])).toEqual({
      status: 'unavailable',
      reason: 'LLM endpoint answered HTTP 503',
    });
    expect(client.breakerState).toBe('open');
    expect(await client.complete([{ role: 'user', content: 'c' }])).toEqual({
      status: 'unavailable',
      reason: 'circuit breaker open after repeated LLM failures',
    });
    expect(requests).toHaveLength(2);
  });
});
