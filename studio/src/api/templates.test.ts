import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from './client';
import { refusalIssues, templatesApi, type TemplateStreamEvent } from './templates';

const event = {
  kind: 'status',
  wabaId: 'w',
  templateId: '9',
  name: 'order_update',
  language: 'en',
  status: 'approved',
  at: 1,
  tenant: 'demo',
};

function streamed(chunks: string[]): typeof fetch {
  return async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(c) {
          for (const ch of chunks) c.enqueue(new TextEncoder().encode(ch));
          c.close();
        },
      }),
      { status: 200, headers: { 'content-type': 'text/event-stream' } },
    );
}

describe('templates API: the status stream', () => {
  it('delivers template events split at any point, skips keep-alives and foreign data, then reports the end', async () => {
    const text = `: ping\n\nevent: template\ndata: ${JSON.stringify(event)}\n\ndata: {"kind":"other"}\n\ndata: not json\n\n`;
    const seen: TemplateStreamEvent[] = [];
    const log: string[] = [];
    const api = templatesApi(new ApiClient('tok', '/api', streamed([text.slice(0, 30), text.slice(30, 31), text.slice(31)])));
    await api.events('demo', { onOpen: () => log.push('open'), onEvent: (e) => seen.push(e), onEnd: (why) => log.push(why) }).done;
    expect(seen).toEqual([event]);
    expect(log).toEqual(['open', 'The live status stream ended.']);
  });

  it('sends the bearer token and the tenant, and says when the stream is refused', async () => {
    const asked: Array<{ url: string; auth: string | null }> = [];
    const refusing: typeof fetch = async (input, init) => {
      asked.push({ url: String(input), auth: new Headers(init?.headers).get('authorization') });
      return new Response('{}', { status: 404 });
    };
    const log: string[] = [];
    await templatesApi(new ApiClient('tok', '/api', refusing)).events('demo', {
      onOpen: () => log.push('open'),
      onEvent: () => {},
      onEnd: (why) => log.push(why),
    }).done;
    expect(asked).toEqual([{ url: '/api/templates/events?tenant=demo', auth: 'Bearer tok' }]);
    expect(log).toEqual(['The live status stream is not available (HTTP 404).']);
  });

  it('is quiet when the page closes it', async () => {
    let abortSeen = false;
    const hanging: typeof fetch = async (_input, init) =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(c) {
            init?.signal?.addEventListener('abort', () => {
              abortSeen = true;
              c.error(new DOMException('aborted', 'AbortError'));
            });
          },
        }),
        { status: 200 },
      );
    const log: string[] = [];
    const handle = templatesApi(new ApiClient('tok', '/api', hanging)).events(undefined, {
      onOpen: () => log.push('open'),
      onEvent: () => {},
      onEnd: (why) => log.push(why),
    });
    await new Promise((r) => setTimeout(r, 10));
    handle.close();
    await handle.done;
    expect(abortSeen).toBe(true);
    expect(log).toEqual(['open']);
  });
});

describe('refusalIssues', () => {
  const issue = { severity: 'error', code: 'body_too_long', message: 'too long', file: 'f', path: '/languages/en/body' };
  it('reads a 422’s issues beside the error or in its details', () => {
    expect(refusalIssues(new ApiError(422, 'invalid_template', 'x', { error: {}, issues: [issue, { nope: 1 }] }))).toEqual([issue]);
    expect(refusalIssues(new ApiError(422, 'invalid_template', 'x', { error: { details: [issue] } }))).toEqual([issue]);
    expect(refusalIssues(new Error('x'))).toEqual([]);
  });
});
