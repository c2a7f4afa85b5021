/**
 * For the studio's unit tests: the runtime's templates API (contract @parley/contract/api
 * templates.ts) over a fetch function, with files and statuses in memory, the SSE stream as a
 * real streamed body the test pushes events into, and switches to refuse the stream or a save.
 */
import type { TemplateLanguageState, TemplateStatusEvent } from '@parley/contract';
import type { TemplateSummary } from '@parley/contract/api';
import { validateTemplate, type TemplateFile } from '@parley/templates';

interface Call {
  method: string;
  path: string;
  body: unknown;
}

export interface FakeTemplatesRuntime {
  fetch: typeof fetch;
  calls: Call[];
  files: Map<string, TemplateFile>;
  states: Map<string, TemplateLanguageState>;
  /** Sends one event on every open stream (and updates the stored state like the runtime does). */
  push(event: Omit<TemplateStatusEvent, 'wabaId' | 'templateId' | 'at'>): void;
  /** The stream answers with this HTTP status instead of opening (polling fallback). */
  refuseStream: number | null;
  /** The next save answers 422 with these issues. */
  refuseSave: unknown[] | null;
  openStreams(): number;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function fakeTemplatesRuntime(initial: TemplateFile[], states: Record<string, TemplateLanguageState> = {}): FakeTemplatesRuntime {
  const files = new Map(initial.map((t) => [t.name, structuredClone(t)]));
  const stateMap = new Map(Object.entries(states));
  const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const calls: Call[] = [];
  const submitted = new Map<string, string>();
  const key = (name: string, lang: string) => `${name}/${lang}`;
  const summary = (t: TemplateFile): TemplateSummary => ({
    name: t.name,
    category: t.category,
    ...(t.description ? { description: t.description } : {}),
    parameters: Object.fromEntries(
      Object.entries(t.parameters ?? {}).map(([n, s]) => [n, { type: s.type, optional: s.fallback !== undefined }]),
    ),
    issues: validateTemplate(t, `${t.name}.template.json`).issues,
    usedBy: [],
    languages: Object.keys(t.languages).map((language) => {
      const state = stateMap.get(key(t.name, language)) ?? { status: 'not_submitted' as const };
      const fileHash = JSON.stringify(t.languages[language]);
      return { ...state, language, fileHash, changed: submitted.get(key(t.name, language)) !== fileHash };
    }),
  });
  for (const t of initial)
    for (const lang of Object.keys(t.languages))
      if (stateMap.has(key(t.name, lang))) submitted.set(key(t.name, lang), JSON.stringify(t.languages[lang]));

  const fake: FakeTemplatesRuntime = {
    calls,
    files,
    states: stateMap,
    refuseStream: null,
    refuseSave: null,
    openStreams: () => streams.size,
    push(event) {
      const full: TemplateStatusEvent = { wabaId: 'waba-1', templateId: '1', at: Date.now(), ...event };
      const k = key(event.name, event.language);
      const before = stateMap.get(k) ?? { status: 'not_submitted' as const };
      if (event.kind === 'status' && event.status) stateMap.set(k, { ...before, status: event.status });
      const bytes = new TextEncoder().encode(`event: template\ndata: ${JSON.stringify({ ...full, tenant: 'demo' })}\n\n`);
      for (const c of streams) c.enqueue(bytes);
    },
    fetch: async (input, init) => {
      const url = new URL(String(input), 'http://studio.test');
      const path = url.pathname.replace(/^\/api/, '');
      const method = init?.method ?? 'GET';
      calls.push({ method, path, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (path === '/templates/events') {
        if (fake.refuseStream) return json(fake.refuseStream, { error: { code: 'not_found', message: 'no stream' } });
        let mine: ReadableStreamDefaultController<Uint8Array> | undefined;
        const body = new ReadableStream<Uint8Array>({
          start: (c) => {
            mine = c;
            streams.add(c);
          },
          cancel: () => {
            if (mine) streams.delete(mine);
          },
        });
        init?.signal?.addEventListener('abort', () => mine && streams.delete(mine));
        return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
      }
      if (path === '/templates' && method === 'GET') return json(200, { tenant: 'demo', templates: [...files.values()].map(summary) });
      const m = /^\/templates\/([^/]+)(\/submit)?$/.exec(path);
      const name = m ? decodeURIComponent(m[1]!) : '';
      const file = files.get(name);
      if (m && !m[2] && method === 'GET') {
        return file
          ? json(200, { tenant: 'demo', template: file, summary: summary(file) })
          : json(404, { error: { code: 'not_found', message: 'No such template.' } });
      }
      if (m && !m[2] && method === 'PUT') {
        if (fake.refuseSave) {
          const issues = fake.refuseSave;
          fake.refuseSave = null;
          return json(422, { error: { code: 'invalid_template', message: `templates/${name}.template.json has errors` }, issues });
        }
        const t = (JSON.parse(String(init?.body)) as { template: TemplateFile }).template;
        files.set(name, t);
        return json(200, { summary: summary(t) });
      }
      if (m?.[2] && method === 'POST' && file) {
        const results = Object.keys(file.languages).map((language) => {
          const k = key(name, language);
          const hash = JSON.stringify(file.languages[language]);
          if (submitted.get(k) === hash) return { language, action: 'unchanged' as const };
          const action = stateMap.has(k) ? ('edited' as const) : ('created' as const);
          submitted.set(k, hash);
          stateMap.set(k, { status: 'pending', id: `id-${language}` });
          return { language, action, state: stateMap.get(k) };
        });
        return json(200, { tenant: 'demo', results });
      }
      return json(404, { error: { code: 'not_found', message: `The fake does not answer ${method} ${path}.` } });
    },
  };
  return fake;
}
