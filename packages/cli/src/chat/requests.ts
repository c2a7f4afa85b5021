/**
 * Answering the engine's HTTP and LLM requests during `parley chat`: from the flow's test
 * mocks by default, from the network only with --allow-http, and LLM calls from an
 * OpenAI-compatible endpoint when PARLEY_LLM_URL is set (else the node's fallback text).
 */
import { isRetryable, urlMatches, type EngineEvent, type HttpMock, type PendingRequest } from '@parley/flow';
import { LlmClient } from '@parley/nlu';
import type { Io, Paint } from '../io';

export interface RequestAnswerer {
  answer(request: PendingRequest): Promise<EngineEvent>;
}

export interface AnswererOptions {
  allowHttp: boolean;
  /** Every HTTP mock of the flow's test file, in file order; the first match answers. */
  httpMocks: HttpMock[];
  mockSource?: string;
  llm?: { url: string; model: string; apiKey?: string };
  io: Io;
  paint: Paint;
}

export function createAnswerer(options: AnswererOptions): RequestAnswerer {
  const note = (text: string) => options.io.stdout(options.paint('dim', `  · ${text}\n`));
  const llm = options.llm ? llmClient(options.llm) : undefined;
  return {
    async answer(request) {
      if (request.type === 'llm') return answerLlm(request, llm, note);
      const { method, url } = request.request;
      if (options.allowHttp) {
        let event = await fetchOnce(request);
        for (let attempt = 0; attempt < request.request.retries && isRetryable(event); attempt++) event = await fetchOnce(request);
        note(
          `http ${method} ${url} → ${event.type === 'http.done' ? event.status : `failed: ${event.type === 'http.failed' ? event.error : ''}`}`,
        );
        return event;
      }
      const body = request.request.body ?? '';
      const mock = options.httpMocks.find(
        (m) =>
          (!m.match.method || m.match.method === method) &&
          urlMatches(m.match.url, url) &&
          (m.match.body === undefined || body.includes(m.match.body)),
      );
      if (!mock) {
        note(
          `http ${method} ${url}: no mock for it in ${options.mockSource ?? "the flow's test file"} and --allow-http is off, so it fails like a network error`,
        );
        return { type: 'http.failed', requestId: request.requestId, error: 'not mocked (run parley chat with --allow-http to call it)' };
      }
      if (mock.error !== undefined) {
        note(`http ${method} ${url} → network error "${mock.error}" (mock)`);
        return { type: 'http.failed', requestId: request.requestId, error: mock.error };
      }
      note(`http ${method} ${url} → ${mock.status ?? 200} (mock from ${options.mockSource ?? 'the test file'})`);
      return { type: 'http.done', requestId: request.requestId, status: mock.status ?? 200, body: mock.body ?? null };
    },
  };
}

async function fetchOnce(request: Extract<PendingRequest, { type: 'http' }>): Promise<EngineEvent> {
  const { method, url, headers, body, timeoutMs } = request.request;
  try {
    const response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return {
      type: 'http.done',
      requestId: request.requestId,
      status: response.status,
      body: parsed,
      headers: Object.fromEntries(response.headers),
    };
  } catch (error) {
    return { type: 'http.failed', requestId: request.requestId, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The runtime's client (`@parley/nlu`'s LlmClient), asked the way a live flow asks it, so a chat
 * in the terminal gets what the flow gets live. PARLEY_LLM_URL is the full chat-completions URL.
 */
function llmClient(llm: NonNullable<AnswererOptions['llm']>): LlmClient {
  return new LlmClient({
    baseUrl: llm.url.replace(/\/chat\/completions\/?$/, ''),
    model: llm.model,
    timeoutMs: 20_000,
    ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
  });
}

async function answerLlm(
  request: Extract<PendingRequest, { type: 'llm' }>,
  llm: LlmClient | undefined,
  note: (text: string) => void,
): Promise<EngineEvent> {
  if (!llm) {
    note("llm: not configured (set PARLEY_LLM_URL, PARLEY_LLM_MODEL and PARLEY_LLM_API_KEY), so the node's fallback text is used");
    return { type: 'llm.failed', requestId: request.requestId, error: 'LLM not configured' };
  }
  const outcome = await llm.complete([
    { role: 'system', content: JSON.stringify(request.context) },
    { role: 'user', content: request.prompt },
  ]);
  if (outcome.status === 'ok') return { type: 'llm.done', requestId: request.requestId, text: outcome.text };
  note(`llm: ${outcome.reason}; the fallback text is used`);
  return { type: 'llm.failed', requestId: request.requestId, error: outcome.reason };
}
