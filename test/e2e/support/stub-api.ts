/**
 * For the canvas-only suite: answers the few API calls the editor needs to open
 * and save a flow, inside the browser context (Playwright routes), so the
 * studio's own behaviour is tested without the runtime. Everything that is
 * about the runtime (files on disk, publish, conflicts, preview) is tested in
 * runtime.e2e.test.ts against the real server.
 */
import type { BrowserContext } from 'playwright-core';
import type { Flow, FlowLayout } from '@parley/flow';

export interface StubApi {
  flows: Map<string, { flow: Flow; layout: FlowLayout; revision: number }>;
  saves: Array<{ id: string; flow: Flow; layout: FlowLayout; baseRevision: number }>;
}

export async function stubApi(context: BrowserContext, initial: Array<{ flow: Flow; layout?: FlowLayout }>): Promise<StubApi> {
  const api: StubApi = { flows: new Map(), saves: [] };
  for (const f of initial)
    api.flows.set(f.flow.id, { flow: f.flow, layout: f.layout ?? { flowId: f.flow.id, positions: {} }, revision: f.flow.revision });
  await context.route('**/api/**', async (route) => {
    const req = route.request();
    const path = new URL(req.url()).pathname.replace(/^.*\/api/, '');
    const json = (status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
    if (path === '/login') return json(200, { token: 'stub-token' });
    if (path === '/flows' && req.method() === 'GET') {
      return json(
        200,
        [...api.flows.values()].map((f) => ({
          id: f.flow.id,
          name: f.flow.name,
          revision: f.revision,
          publishedVersion: null,
          issues: [],
        })),
      );
    }
    const m = /^\/flows\/([^/]+)$/.exec(path);
    if (m) {
      const entry = api.flows.get(decodeURIComponent(m[1]!));
      if (!entry) return json(404, { error: { code: 'not_found', message: 'No such flow.' } });
      if (req.method() === 'GET') return json(200, entry);
      if (req.method() === 'PUT') {
        const body = req.postDataJSON() as { flow: Flow; layout: FlowLayout; baseRevision: number };
        api.saves.push({ id: entry.flow.id, ...body });
        if (body.baseRevision !== entry.revision)
          return json(409, { error: { code: 'conflict', message: 'newer revision' }, current: entry });
        entry.revision += 1;
        entry.flow = { ...body.flow, revision: entry.revision };
        entry.layout = body.layout;
        return json(200, { revision: entry.revision });
      }
    }
    return json(404, { error: { code: 'not_found', message: `The stub API does not answer ${req.method()} ${path}.` } });
  });
  return api;
}

export function emptyFlow(id: string, languages = ['en']): Flow {
  return { id, name: id.replace(/-/g, ' '), specVersion: '1.0.0', revision: 1, languages, start: '', nodes: [] };
}
