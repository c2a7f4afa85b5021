import { describe, expect, it } from 'vitest';
import { Conversation, makeFlow } from '../../engine/test-kit';

describe('http node', () => {
  const flow = makeFlow(
    [
      {
        id: 'h',
        type: 'http',
        method: 'POST',
        url: 'https://api.test/orders/{{order}}',
        headers: { 'x-id': '{{contact.id}}' },
        body: '{"q":"{{order}}"}',
        timeoutMs: 3000,
        retries: 1,
        map: { state: 'body.status', code: 'status', first: 'body.items[0].name', why: 'error' },
        exits: { success: 'ok', failure: 'ko' },
      },
      { id: 'ok', type: 'message', text: 'Order is {{state}}', exits: { next: null } },
      { id: 'ko', type: 'message', text: 'Lookup failed', exits: { next: null } },
    ],
    { variables: { order: { type: 'string', default: 'A1' } } },
  );

  it('emits the request and maps a 2xx response', () => {
    const c = new Conversation(flow);
    c.start();
    const [http] = c.of('http');
    expect(http).toEqual({
      type: 'http',
      requestId: 'h@1',
      nodeId: 'h',
      request: {
        method: 'POST',
        url: 'https://api.test/orders/A1',
        headers: { 'x-id': 'c1' },
        body: '{"q":"A1"}',
        timeoutMs: 3000,
        retries: 1,
      },
    });
    expect(c.snapshot?.waitingAt).toBe('h');
    c.send({ type: 'http.done', requestId: 'h@1', status: 200, body: { status: 'shipped', items: [{ name: 'Shoe' }] } });
    expect(c.texts).toEqual(['Order is shipped']);
    expect(c.vars).toMatchObject({ state: 'shipped', code: 200, first: 'Shoe' });
  });

  it.each([
    [
      'a non-2xx status',
      { type: 'http.done' as const, requestId: 'h@1', status: 404, body: { status: 'unknown order' } },
      { code: 404, state: 'unknown order', why: null },
    ],
    [
      'a transport failure',
      { type: 'http.failed' as const, requestId: 'h@1', error: 'ECONNRESET' },
      { code: 0, state: null, why: 'ECONNRESET' },
    ],
  ])('takes failure on %s, with the status (and error) mapped so the flow can tell them apart', (_label, event, mapped) => {
    const c = new Conversation(flow);
    c.start();
    c.send(event);
    expect(c.texts).toEqual(['Lookup failed']);
    expect(c.vars).toMatchObject(mapped);
  });

  it('ignores a result for another request id', () => {
    const c = new Conversation(flow);
    c.start();
    const before = c.snapshot;
    const effects = c.send({ type: 'http.done', requestId: 'h@0', status: 200, body: {} });
    expect(effects).toEqual([]);
    expect(c.snapshot).toEqual(before);
  });
});
