import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loginModesRoute } from './login-modes';

async function modes(secrets: { password?: string; token?: string }): Promise<unknown> {
  const app = Fastify();
  await loginModesRoute(app, secrets);
  const res = await app.inject({ method: 'GET', url: '/api/login/modes' });
  await app.close();
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('GET /api/login/modes', () => {
  it('says which sign-in modes are configured, without a token and without the secrets', async () => {
    expect(await modes({ token: 'admin-secret' })).toEqual({ password: false, token: true });
    expect(await modes({ password: 'pw', token: 'admin-secret' })).toEqual({ password: true, token: true });
    expect(await modes({ password: 'pw' })).toEqual({ password: true, token: false });
    expect(JSON.stringify(await modes({ password: 'pw', token: 'admin-secret' }))).not.toMatch(/pw|admin-secret/);
  });
});
