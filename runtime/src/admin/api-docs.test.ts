import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Validator } from '@seriousme/openapi-schema-validator';
import { TEST_ADMIN_TOKEN } from '../testing/context';
import { SCHEMA_EXEMPT, fullServer, type RegisteredRoute } from '../testing/route-schemas';

let app: FastifyInstance;
let routes: RegisteredRoute[];
const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

beforeAll(async () => {
  ({ app, routes } = await fullServer());
});
afterAll(() => app.close());

const served = () => routes.filter((r) => r.method !== 'HEAD' && !SCHEMA_EXEMPT.some((re) => re.test(r.url)));

describe('route schemas', () => {
  it('every route declares a response schema, and every route that takes a body or parameters declares them', () => {
    expect(served().length).toBeGreaterThan(35);
    const missing = served().flatMap((r) => {
      const problems: string[] = [];
      const schema = r.schema ?? {};
      if (!schema.response) problems.push('no response schema');
      if (r.url.includes(':') && !schema.params) problems.push('no params schema');
      if (['POST', 'PUT', 'PATCH'].includes(r.method) && !schema.body && !/\/(unpublish|timeout|restart|replay|resume|submit)$/.test(r.url))
        problems.push('no body schema');
      return problems.map((p) => `${r.method} ${r.url}: ${p}`);
    });
    expect(missing).toEqual([]);
  });
});

describe('GET /openapi.json', () => {
  it('needs the admin token, like the API', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(401);
  });

  it('is OpenAPI 3.1 and describes every API route with its request and response schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json', headers: auth });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; parameters?: unknown[]; responses?: Record<string, unknown> }>>;
    }>();
    expect(doc.openapi).toMatch(/^3\.1\./);
    const api = served().filter((r) => r.url.startsWith('/api/'));
    for (const r of api) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${path}`).toBeDefined();
      expect(
        Object.keys(op?.responses ?? {}).some((status) => /^20[012]$/.test(status)),
        `${r.method} ${path} has a success response`,
      ).toBe(true);
      if (r.schema?.body) expect(op?.requestBody, `${r.method} ${path} requestBody`).toBeDefined();
      if (r.url.includes(':')) expect(op?.parameters, `${r.method} ${path} parameters`).toBeDefined();
    }
    for (const path of [
      '/api/flows/{id}',
      '/api/simulator/sessions',
      '/api/handoffs/{conversation}/takeover',
      '/api/nlu/try',
      '/api/dead-letters',
    ])
      expect(doc.paths).toHaveProperty([path]);
  });
});

describe('the OpenAPI document', () => {
  it('is valid against the OpenAPI 3.1 schema (every $ref resolves)', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json', headers: auth });
    const result = await new Validator().validate(res.json<Parameters<Validator['validate']>[0]>());
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
  });
});

describe('/docs', () => {
  it('serves Swagger UI from this origin; its description needs the token', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/https?:\/\//);
    const init = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(init.body).toContain('const key = "parley.token"');
    expect((await app.inject({ method: 'GET', url: '/docs/json', headers: auth })).json()).toMatchObject({
      openapi: expect.stringMatching(/^3\.1/),
    });
  });
});

describe('schema refusals', () => {
  it('a body that does not match is the usual 400 envelope, naming the field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/nlu/try', headers: auth, payload: { flowId: 'x', text: 42 } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'bad_request', message: expect.stringContaining('body.text must be string') } });
    const missing = await app.inject({ method: 'PUT', url: '/api/flows/x', headers: auth, payload: { flow: {} } });
    expect(missing.json().error.message).toContain('body.baseRevision is required');
  });
});

describe('a route whose refusals kept their own code', () => {
  it('a simulator message that is not a message is 400 bad_message, naming the field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/simulator/sessions/0123456789abcdef/messages',
      headers: auth,
      payload: { message: { kind: 'shout' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'bad_message', message: expect.stringContaining('body.message.kind') });
  });
});

describe('security in the description', () => {
  it('the API needs the bearer token; sign-in, health and webhooks do not', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json', headers: auth })).json<{
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    }>();
    expect(doc.paths['/api/flows']?.get?.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/login']?.post?.security).toEqual([]);
    expect(doc.paths['/healthz']?.get?.security).toEqual([]);
    expect(doc.paths['/webhooks/{channel}']?.post?.security).toEqual([]);
  });
});
