import { describe, expect, it } from 'vitest';
import { openSse, parseSseChunk } from './sse';

describe('parseSseChunk', () => {
  it('splits complete events and keeps the partial tail', () => {
    const { events, rest } = parseSseChunk('data: {"a":1}\n\n: ping\n\ndata: {"b":\ndata: 2}\n\ndata: {"c"');
    expect(events).toEqual(['{"a":1}', '{"b":\n2}']);
    expect(rest).toBe('data: {"c"');
  });
});

describe('openSse', () => {
  it('delivers parsed events from a streamed body split at arbitrary points', async () => {
    const chunks = ['data: {"type":"bot"', ',"n":1}\n', '\ndata: {"type":"state"}\n\n'];
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (const ch of chunks) c.enqueue(new TextEncoder().encode(ch));
        c.close();
      },
    });
    const seen: unknown[] = [];
    const fake = (async () => new Response(stream, { status: 200 })) as unknown as typeof fetch;
    await openSse(
      fake,
      '/x',
      {},
      (e) => seen.push(e),
      () => {},
    ).done;
    expect(seen).toEqual([{ type: 'bot', n: 1 }, { type: 'state' }]);
  });

  it('reports a refused connection in plain words', async () => {
    const fake = (async () => new Response('no', { status: 401 })) as unknown as typeof fetch;
    let err = '';
    await openSse(
      fake,
      '/x',
      {},
      () => {},
      (m) => (err = m),
    ).done;
    expect(err).toMatch(/could not connect/);
  });
});
