import { describe, expect, it } from 'vitest';
import { stateForTurn, toTranscriptTest, type ChatTurn } from './transcript';

describe('toTranscriptTest', () => {
  it('turns a preview conversation into transcript turns', () => {
    const turns: ChatTurn[] = [
      {
        from: 'bot',
        message: {
          kind: 'choices',
          text: 'Pick one',
          options: [
            { id: 'sales', title: 'Sales' },
            { id: 'help', title: 'Help' },
          ],
        },
      },
      { from: 'user', message: { kind: 'button', choiceId: 'help', text: 'Help' }, label: 'Help' },
      { from: 'bot', message: { kind: 'text', text: 'What is your order number?' } },
      { from: 'user', message: { kind: 'text', text: 'A-123' }, label: 'A-123' },
      { from: 'system', text: 'restarted' },
      { from: 'user-timeout' },
      { from: 'bot', message: { kind: 'template', name: 'reminder', language: 'en', params: {} } },
    ];
    const t = toTranscriptTest('help path', turns, { type: 'state', status: 'ended', variables: { order: 'A-123', empty: null } });
    expect(t).toEqual({
      name: 'help path',
      turns: [
        { bot: { text: 'Pick one', buttons: ['Sales', 'Help'] } },
        { tap: 'help' },
        { bot: { text: 'What is your order number?' } },
        { user: 'A-123' },
        { timeout: true },
        { bot: { template: 'reminder' } },
        { expect: { ended: true, variables: { order: 'A-123' } } },
      ],
    });
  });
});

describe('stateForTurn', () => {
  it('finds the state of a step whether it came before or after the bot messages', () => {
    const s1 = { type: 'state' as const, status: 'waiting', variables: { a: 1 } };
    const s2 = { type: 'state' as const, status: 'ended', variables: { a: 2 } };
    const turns: ChatTurn[] = [
      { from: 'state', state: s1 },
      { from: 'bot', message: { kind: 'text', text: 'one' } },
      { from: 'user', message: { kind: 'text', text: 'x' }, label: 'x' },
      { from: 'bot', message: { kind: 'text', text: 'two' } },
      { from: 'state', state: s2 },
    ];
    expect(stateForTurn(turns, 1)).toBe(s1);
    expect(stateForTurn(turns, 3)).toBe(s2);
    expect(stateForTurn(turns, 2)).toBe(s2);
  });
});

describe('save as test: recorded web requests and LLM calls', () => {
  const ok = (requestId: string, url: string, status: number, body: unknown): ChatTurn => ({
    from: 'http',
    event: {
      type: 'http',
      requestId,
      nodeId: 'stock',
      request: { method: 'GET', url },
      result: { status, body, headers: { 'content-type': 'application/json', date: 'Thu, 03 Dec 2026 08:00:00 GMT' } },
    },
  });
  it('become the test mocks, in order, answered exactly as in the preview', () => {
    const turns: ChatTurn[] = [
      { from: 'user', message: { kind: 'text', text: 'sku 1' }, label: 'sku 1' },
      ok('r1', 'https://shop.example/stock?sku=1', 200, { stock: 3 }),
      ok('r1', 'https://shop.example/stock?sku=1', 200, { stock: 3 }),
      { from: 'bot', message: { kind: 'text', text: '3 left' } },
      ok('r2', 'https://shop.example/stock?sku=1', 503, 'busy'),
      {
        from: 'http',
        event: {
          type: 'http',
          requestId: 'r3',
          nodeId: 'crm',
          request: { method: 'post', url: 'https://crm.example/leads' },
          result: { error: 'The operation was aborted due to timeout' },
        },
      },
      {
        from: 'llm',
        event: {
          type: 'llm',
          requestId: 'r4',
          nodeId: 'ai',
          prompt: 'Answer the question: where is my order?',
          result: { text: 'On its way.' },
        },
      },
      {
        from: 'llm',
        event: { type: 'llm', requestId: 'r5', nodeId: 'ai', prompt: 'again', result: { error: 'no LLM endpoint is configured' } },
      },
    ];
    const t = toTranscriptTest('stock', turns, undefined, new Date('2026-12-03T08:00:00Z'));
    expect(t.now).toBe('2026-12-03T08:00:00.000Z');
    expect(t.mocks).toEqual({
      http: [
        {
          match: { method: 'GET', url: 'https://shop.example/stock?sku=1' },
          status: 200,
          body: { stock: 3 },
          headers: { 'content-type': 'application/json' },
          times: 1,
        },
        // A 503 is what every retry would get too: no `times`.
        {
          match: { method: 'GET', url: 'https://shop.example/stock?sku=1' },
          status: 503,
          body: 'busy',
          headers: { 'content-type': 'application/json' },
        },
        { match: { method: 'POST', url: 'https://crm.example/leads' }, error: 'The operation was aborted due to timeout' },
      ],
      llm: [{ match: 'Answer the question: where is my order?', text: 'On its way.', times: 1 }],
    });
    expect(t.turns).toEqual([{ user: 'sku 1' }, { bot: { text: '3 left' } }]);
  });

  it('a conversation without requests has no mocks', () => {
    expect(toTranscriptTest('plain', [{ from: 'bot', message: { kind: 'text', text: 'hi' } }])).toEqual({
      name: 'plain',
      turns: [{ bot: { text: 'hi' } }],
    });
  });
});
