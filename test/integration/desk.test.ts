/** The agent desk: a handoff node or an agent takes a conversation over; the bot stays silent until it is released. */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../../runtime/src/testing/seed';
import { startStack, type Stack } from './harness';

let stack: Stack;
let helpdesk: Server;
const announced: Array<{ type: string; conversation: string; text?: string; transcript?: Array<{ from: string; text: string }> }> = [];

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
  stack = await startStack({ fixtures: ['desk-demo.flow.json'], config: { handoff: { webhookUrl: `http://127.0.0.1:${port}/parley` } } });
});
afterAll(async () => {
  await stack?.stop();
  await new Promise((r) => helpdesk.close(r));
});

const path = (conv: string, action = ''): string => `/api/handoffs/${encodeURIComponent(conv)}${action}`;
const quiet = (ms = 300): Promise<void> => new Promise((r) => setTimeout(r, ms));

it('a handoff node opens the desk: the agent sees the conversation, answers, and hands it back', async () => {
  const from = '491700000901';
  const conv = `demo:whatsapp:${from}`;
  await stack.graph.postInbound(from, 'deskdemo');
  await waitFor('name prompt', () => stack.graph.textsTo(from).length === 1);
  await stack.graph.postInbound(from, 'Ana');
  await waitFor('handoff message', () => stack.graph.textsTo(from).length === 2);
  expect(stack.graph.textsTo(from)[1]).toBe('Connecting you, Ana');

  const list = await stack.api('GET', '/api/handoffs');
  expect(list.body.handoffs).toEqual([
    expect.objectContaining({ conversation: conv, by: 'flow', queue: 'sales', reason: 'wants a quote', flowId: 'desk-demo' }),
  ]);
  await waitFor('helpdesk told', () => announced.some((a) => a.type === 'handoff.started' && a.conversation === conv));
  const started = announced.find((a) => a.type === 'handoff.started')!;
  expect(started.transcript?.map((e) => e.text)).toEqual(['Ana', 'Connecting you, Ana', 'handed off to sales: wants a quote']);

  // The user writes: the bot stays silent, the desk and the helpdesk get it.
  await stack.graph.postInbound(from, 'hello? anyone there');
  await waitFor('helpdesk got the message', () => announced.some((a) => a.type === 'handoff.message' && a.text === 'hello? anyone there'));
  await quiet();
  expect(stack.graph.textsTo(from)).toHaveLength(2);

  // The agent answers through the outbox.
  const sent = await stack.api('POST', path(conv, '/messages'), { text: 'Hi Ana, Bob here. A quote is on its way.', agent: 'Bob' });
  expect(sent.status).toBe(202);
  await waitFor('agent reply delivered', () => stack.graph.textsTo(from).length === 3);
  expect(stack.graph.textsTo(from)[2]).toBe('Hi Ana, Bob here. A quote is on its way.');
  const one = await stack.api('GET', path(conv));
  expect(one.status).toBe(200);
  expect(one.body).toMatchObject({ conversation: conv, queue: 'sales', status: 'handoff', variables: { name: 'Ana' } });
  expect(one.body.transcript.map((e: { from: string; text: string }) => `${e.from}: ${e.text}`)).toEqual([
    'user: Ana',
    'bot: Connecting you, Ana',
    'system: handed off to sales: wants a quote',
    'user: hello? anyone there',
    'agent: Bob: Hi Ana, Bob here. A quote is on its way.',
  ]);

  // Released: the flow continues at the handoff's exit; the desk is gone.
  expect((await stack.api('POST', path(conv, '/release'), {})).status).toBe(202);
  await waitFor('bot is back', () => stack.graph.textsTo(from).length === 4);
  expect(stack.graph.textsTo(from)[3]).toBe('Back with the bot. Anything else?');
  expect((await stack.api('GET', '/api/handoffs')).body.handoffs).toEqual([]);
  expect((await stack.api('GET', path(conv))).status).toBe(404);
  await waitFor('helpdesk told of the release', () => announced.some((a) => a.type === 'handoff.released' && a.conversation === conv));
  await stack.graph.postInbound(from, 'no thanks');
  await waitFor('bot answers again', () => stack.graph.textsTo(from).length === 5);
  expect(stack.graph.textsTo(from)[4]).toBe('Noted: no thanks');
});

it('an agent takes a waiting conversation over; on release the bot resumes where it was', async () => {
  const from = '491700000902';
  const conv = `demo:whatsapp:${from}`;
  await stack.graph.postInbound(from, 'deskdemo');
  await waitFor('name prompt', () => stack.graph.textsTo(from).length === 1);
  expect((await stack.api('POST', path(conv, '/takeover'), { agent: 'Eve', reason: 'VIP' })).status).toBe(202);
  await waitFor('desk open', async () => (await stack.api('GET', path(conv))).status === 200);
  expect((await stack.api('POST', path(conv, '/takeover'), {})).status).toBe(409);
  await stack.graph.postInbound(from, 'Zoë');
  await quiet();
  expect(stack.graph.textsTo(from)).toHaveLength(1);
  const one = await stack.api('GET', path(conv));
  expect(one.body).toMatchObject({ by: 'agent', agent: 'Eve', reason: 'VIP', status: 'waiting' });
  expect(one.body.transcript.map((e: { text: string }) => e.text)).toEqual(['taken over by Eve: VIP', 'Zoë']);
  expect((await stack.api('POST', path(conv, '/release'), {})).status).toBe(202);
  await waitFor('desk closed', async () => (await stack.api('GET', path(conv))).status === 404);
  // The bot still waits at the name question: the next answer goes through it.
  await stack.graph.postInbound(from, 'Zoë');
  await waitFor('handoff message', () => stack.graph.textsTo(from).length === 2);
  expect(stack.graph.textsTo(from)[1]).toBe('Connecting you, Zoë');
});

it('rejects what it cannot do with a precise error', async () => {
  expect((await stack.api('POST', path('demo:whatsapp:491700000903', '/messages'), { text: 'hi' })).status).toBe(409);
  expect((await stack.api('POST', path('demo:whatsapp:491700000903', '/takeover'), {})).body.error.code).toBe('no_session');
  expect((await stack.api('POST', path('nope', '/messages'), { text: 'hi' })).body.error.code).toBe('bad_conversation');
  expect((await stack.api('POST', path('demo:whatsapp:491700000901', '/messages'), { text: '' })).status).toBe(400);
  expect((await stack.api('POST', path('demo:whatsapp:491700000901', '/takeover'), { agent: 42 })).status).toBe(400);
  expect((await stack.api('POST', path('demo:whatsapp:491700000903', '/release'), {})).body.error.code).toBe('not_in_handoff');
  // A studio preview is never an agent's conversation, even when its id is typed in.
  for (const [method, suffix] of [
    ['GET', ''],
    ['POST', '/takeover'],
    ['POST', '/messages'],
    ['POST', '/release'],
  ] as const) {
    const res = await stack.api(method, path('sim:simulator:s-1', suffix), method === 'POST' ? { text: 'hi' } : undefined);
    expect([res.status, res.body.error.code]).toEqual([404, 'preview_conversation']);
  }
});
