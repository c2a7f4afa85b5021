/**
 * The runtime's templates API (t11: GET/PUT /api/templates[/:name], POST …/submit, the SSE status
 * stream), typed with @parley/contract/api. Kept apart from client.ts: it only needs the client's
 * authenticated request and fetch.
 */
import type {
  SaveTemplateResponse,
  SubmitTemplateResponse,
  TemplateDetailResponse,
  TemplateIssueSchema,
  TemplateListResponse,
} from '@parley/contract/api';
import type { TemplateStatusEvent } from '@parley/contract';
import { ApiError, type ApiClient } from './client';
import { parseSseChunk } from './sse';

export type { SaveTemplateResponse, SubmitTemplateResponse, TemplateDetailResponse, TemplateListResponse };

/** One event of `GET /api/templates/events`: a status, quality or category change and its tenant. */
export type TemplateStreamEvent = TemplateStatusEvent & { tenant?: string };

const enc = encodeURIComponent;
const tenantQuery = (tenant?: string) => (tenant ? `?tenant=${enc(tenant)}` : '');

export const templatesApi = (api: ApiClient) => ({
  list: (tenant?: string) => api.request<TemplateListResponse>('GET', `/templates${tenantQuery(tenant)}`),
  get: (name: string, tenant?: string) => api.request<TemplateDetailResponse>('GET', `/templates/${enc(name)}${tenantQuery(tenant)}`),
  save: (name: string, template: unknown, tenant?: string) =>
    api.request<SaveTemplateResponse>('PUT', `/templates/${enc(name)}${tenantQuery(tenant)}`, { template }),
  submit: (name: string, tenant?: string) =>
    api.request<SubmitTemplateResponse>('POST', `/templates/${enc(name)}/submit${tenantQuery(tenant)}`),
  /**
   * The live status stream. `onOpen` when the server accepted it; `onEnd` once when it cannot be
   * opened or stops (server restart, proxy timeout), so the caller can fall back to polling.
   */
  events(tenant: string | undefined, on: StreamHandlers): { close(): void; done: Promise<void> } {
    const headers: Record<string, string> = api.authToken ? { authorization: `Bearer ${api.authToken}` } : {};
    return openTemplateStream(api.fetcher, `/api/templates/events${tenantQuery(tenant)}`, headers, on);
  },
});

export interface StreamHandlers {
  onOpen: () => void;
  onEvent: (e: TemplateStreamEvent) => void;
  onEnd: (why: string) => void;
}

function openTemplateStream(fetchImpl: typeof fetch, url: string, headers: Record<string, string>, on: StreamHandlers) {
  const ctrl = new AbortController();
  const done = (async () => {
    let why = 'The live status stream ended.';
    try {
      const res = await fetchImpl(url, { headers: { ...headers, accept: 'text/event-stream' }, signal: ctrl.signal });
      if (!res.ok || !res.body) {
        why = `The live status stream is not available (HTTP ${res.status}).`;
        return;
      }
      on.onOpen();
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buf = '';
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        const { events, rest } = parseSseChunk(buf + decoder.decode(value, { stream: true }));
        buf = rest;
        for (const text of events) {
          const data = parseJson(text);
          if (isStreamEvent(data)) on.onEvent(data);
        }
      }
    } catch {
      why = 'The live status stream lost its connection.';
    } finally {
      if (!ctrl.signal.aborted) on.onEnd(why);
    }
  })();
  return { close: () => ctrl.abort(), done };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // a keep-alive comment or a malformed line: skipped
  }
}

export type TemplatesApi = ReturnType<typeof templatesApi>;

function isStreamEvent(data: unknown): data is TemplateStreamEvent {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return (
    (d.kind === 'status' || d.kind === 'quality' || d.kind === 'category') && typeof d.name === 'string' && typeof d.language === 'string'
  );
}

/** A refused save's validation problems (422: `issues` beside the error, or in `error.details`). */
export function refusalIssues(e: unknown): TemplateIssueSchema[] {
  if (!(e instanceof ApiError) || typeof e.body !== 'object' || e.body === null) return [];
  const body = e.body as { issues?: unknown; error?: { details?: unknown } };
  const list = Array.isArray(body.issues) ? body.issues : Array.isArray(body.error?.details) ? body.error.details : [];
  return list.filter(
    (i): i is TemplateIssueSchema => typeof i === 'object' && i !== null && typeof (i as { message?: unknown }).message === 'string',
  );
}
