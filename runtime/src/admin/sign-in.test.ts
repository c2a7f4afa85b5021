import { Writable } from 'node:stream';
import { beforeEach, expect, it } from 'vitest';
import type { RuntimeContext } from '../platform/context';
import { createLogger } from '../platform/logger';
import { buildServer } from '../app/server';
import { createMemoryStores } from '../stores';
import { TEST_ADMIN_TOKEN, createTestContext } from '../testing/context';
import { LOGIN_REQUESTS_PER_MINUTE, adminRoutes } from './routes';

const GUESS = 'hunter2-guess';
let ctx: RuntimeContext;
let app: Awaited<ReturnType<typeof buildServer>>;
let clock: number;
let logLines: Array<Record<string, unknown>>;
let logText: string;

beforeEach(async () => {
  ctx = createTestContext(createMemoryStores());
  clock = 1_000_000;
  ctx.now = () => clock;
  logLines = [];
  logText = '';
  ctx.log = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        logText += chunk.toString();
        for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  });
  app = await buildServer(ctx, { ingress: true, plugins: [adminRoutes] });
  return () => app.close();
});

function login(password: string, ip: string) {
  return app.inject({ method: 'POST', url: '/api/login', payload: { password }, remoteAddress: ip });
}

function flows(token: string, ip: string) {
  return app.inject({ method: 'GET', url: '/api/flows', headers: { authorization: `Bearer ${token}` }, remoteAddress: ip });
}

it('locks a client address after 5 wrong passwords, with a growing back-off; other addresses still sign in', async () => {
  for (let i = 0; i < 6; i++) expect((await login(GUESS, '10.0.0.1')).statusCode).toBe(401);
  const locked = await login('test-password', '10.0.0.1');
  expect(locked.statusCode).toBe(429);
  expect(locked.headers['retry-after']).toBe('1');
  expect(locked.json()).toMatchObject({
    error: { code: 'too_many_attempts', message: 'Too many failed sign-ins from this address. Try again in 1 second.' },
  });
  expect((await login('test-password', '10.0.0.2')).statusCode).toBe(200);

  clock += 1001;
  expect((await login(GUESS, '10.0.0.1')).statusCode).toBe(401);
  const longer = await login(GUESS, '10.0.0.1');
  expect(longer.statusCode).toBe(429);
  expect(longer.headers['retry-after']).toBe('2');
  clock += 2001;
  expect((await login('test-password', '10.0.0.1')).statusCode).toBe(200);
  // A success starts the address over: five more free failures.
  for (let i = 0; i < 5; i++) expect((await login(GUESS, '10.0.0.1')).statusCode).toBe(401);
});

it('locks the account after 20 wrong passwords spread over addresses; the admin token still works', async () => {
  for (let i = 0; i < 21; i++) expect((await login(GUESS, `10.1.0.${i + 1}`)).statusCode).toBe(401);
  const res = await login('test-password', '10.2.0.1');
  expect(res.statusCode).toBe(429);
  expect(res.headers['retry-after']).toBe('1');
  expect(res.json().error.message).toContain('for this account');
  expect((await flows(TEST_ADMIN_TOKEN, '10.2.0.1')).statusCode).toBe(200);
});

it('logs every failure at warn with the client address and reason, never the password', async () => {
  for (let i = 0; i < 7; i++) await login(GUESS, '10.0.0.9');
  const failures = logLines.filter((l) => l.msg === 'sign-in failed');
  expect(failures).toHaveLength(6);
  for (const f of failures)
    expect(f).toMatchObject({ level: 40, ip: '10.0.0.9', reason: 'wrong password', account: 'admin', route: 'POST /api/login' });
  expect(logLines.some((l) => l.msg === 'credentials locked after repeated failures' && l.lockedForMs === 1000)).toBe(true);
  expect(logText).not.toContain(GUESS);
  const metrics = await ctx.metrics.registry.getSingleMetricAsString('parley_auth_failures_total');
  expect(metrics).toContain('parley_auth_failures_total{kind="login",outcome="rejected"} 6');
  expect(metrics).toContain('parley_auth_failures_total{kind="login",outcome="throttled"} 1');
});

it('throttles bearer-token guessing per client; the right token from another client is not locked out', async () => {
  const guesses = Array.from({ length: 6 }, (_, i) => `guessed-token-${i}`);
  for (const g of guesses) expect((await flows(g, '10.3.0.1')).statusCode).toBe(401);
  const locked = await flows(TEST_ADMIN_TOKEN, '10.3.0.1');
  expect(locked.statusCode).toBe(429);
  expect(locked.headers['retry-after']).toBe('1');
  expect(locked.json().error.message).toBe('Too many requests with a wrong token from this address. Try again in 1 second.');
  expect((await flows(TEST_ADMIN_TOKEN, '10.3.0.2')).statusCode).toBe(200);
  const refused = logLines.filter((l) => l.msg === 'admin API request refused: bad credentials');
  expect(refused).toHaveLength(6);
  expect(refused[0]).toMatchObject({ level: 40, ip: '10.3.0.1', kind: 'bearer', route: 'GET /api/flows' });
  for (const g of guesses) expect(logText).not.toContain(g);
  // No header at all is refused and logged but guesses nothing, so it does not count towards a lock.
  for (let i = 0; i < 8; i++)
    expect((await app.inject({ method: 'GET', url: '/api/flows', remoteAddress: '10.3.0.3' })).statusCode).toBe(401);
});

it('caps sign-in requests per address and minute, right or wrong', async () => {
  for (let i = 0; i < LOGIN_REQUESTS_PER_MINUTE; i++) expect((await login('test-password', '10.4.0.1')).statusCode).toBe(200);
  const res = await login('test-password', '10.4.0.1');
  expect(res.statusCode).toBe(429);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.json()).toMatchObject({ error: { code: 'too_many_attempts' } });
  expect((await login('test-password', '10.4.0.2')).statusCode).toBe(200);
});
