import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { adminRoutes } from '../admin/routes';
import { serveStudio } from '../admin/studio-static';
import { createMemoryStores } from '../stores';
import { TEST_ADMIN_TOKEN, createTestContext, testConfig } from '../testing/context';
import type { RuntimeContext } from '../platform/context';
import { buildServer } from './server';

const apps: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function server(opts: { config?: Record<string, unknown>; dist?: string | null } = {}) {
  const ctx: RuntimeContext = createTestContext(createMemoryStores(), { config: testConfig(opts.config ?? {}) });
  const dist = opts.dist === undefined ? builtStudio() : (opts.dist ?? join(tmpdir(), 'parley-no-such-studio'));
  const app = await buildServer(ctx, { ingress: true, plugins: [adminRoutes, (a, c) => serveStudio(a, c, dist)] });
  apps.push(app);
  return { app, ctx };
}

function builtStudio(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-studio-dist-'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>Parley Studio</title><script type="module" src="/studio/assets/app.js"></script>',
  );
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

it('sends a Content-Security-Policy and the other security headers with the studio and the API', async () => {
  const { app } = await server();
  for (const res of [
    await app.inject({ method: 'GET', url: '/studio/' }),
    await app.inject({ method: 'GET', url: '/api/flows', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } }),
  ]) {
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toMatch(/script-src 'self'[^;]*;/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  }
});

it('leaves the security headers off webhook POSTs (Meta reads none; the hot path stays lean)', async () => {
  const { app } = await server();
  const res = await app.inject({
    method: 'POST',
    url: '/webhooks/whatsapp',
    payload: '{}',
    headers: { 'content-type': 'application/json' },
  });
  expect(res.statusCode).toBe(401);
  expect(res.headers['content-security-policy']).toBeUndefined();
  expect((await app.inject({ method: 'GET', url: '/healthz' })).headers['content-security-policy']).toContain("frame-ancestors 'none'");
});

it('redirects / to the studio, and says so when the studio is not built', async () => {
  const { app } = await server();
  const res = await app.inject({ method: 'GET', url: '/' });
  expect(res.statusCode).toBe(302);
  expect(res.headers.location).toBe('/studio/');
  const bare = await server({ dist: null });
  const missing = await bare.app.inject({ method: 'GET', url: '/' });
  expect(missing.statusCode).toBe(404);
  expect(missing.json()).toMatchObject({ error: { code: 'studio_not_built' } });
});

it('/metrics refuses requests without the configured token, and throttles guessing', async () => {
  process.env.H5_METRICS_TOKEN = 'metrics-secret-1';
  const { app } = await server({ config: { metrics: { tokenEnv: 'H5_METRICS_TOKEN' } } });
  expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
  expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).statusCode).toBe(
    401,
  );
  const ok = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer metrics-secret-1' } });
  expect(ok.statusCode).toBe(200);
  expect(ok.body).toContain('parley_ingress_latency_ms');
  for (let i = 0; i < 6; i++)
    await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer guess-${i}` }, remoteAddress: '10.9.0.1' });
  const locked = await app.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: 'Bearer metrics-secret-1' },
    remoteAddress: '10.9.0.1',
  });
  expect(locked.statusCode).toBe(429);
  expect(locked.headers['retry-after']).toBe('1');
  // /healthz and /readyz stay open for probes.
  expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

  delete process.env.H5_METRICS_TOKEN;
  const unset = await server({ config: { metrics: { tokenEnv: 'H5_METRICS_TOKEN' } } });
  const closed = await unset.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer anything' } });
  expect(closed.statusCode).toBe(401);
  expect(closed.json().error.message).toBe('/metrics is closed: H5_METRICS_TOKEN is not set');
});

it('/metrics on its own listener with metrics.bind, and not on the main port', async () => {
  const port = await freePort();
  const { app } = await server({ config: { metrics: { bind: `127.0.0.1:${port}` } } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const main = app.server.address() as { port: number };
  expect((await fetch(`http://127.0.0.1:${main.port}/metrics`)).status).toBe(404);
  const side = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(side.status).toBe(200);
  expect(await side.text()).toContain('parley_ingress_latency_ms');
  expect((await fetch(`http://127.0.0.1:${port}/api/flows`)).status).toBe(404);
  await app.close();
  await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
});

it('refuses a metrics.bind that is not host:port', async () => {
  expect(() => createTestContext(createMemoryStores(), { config: testConfig({ metrics: { bind: '9464' } }) })).toThrow(
    '/metrics/bind must match pattern',
  );
});
