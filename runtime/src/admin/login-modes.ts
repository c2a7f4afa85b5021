/**
 * `GET /api/login/modes`: which sign-in modes this runtime has configured, so the studio's
 * form opens on one that can work. Public like /api/login; it says only whether a password
 * and an admin token are set, never anything about them.
 */
import type { FastifyInstance } from 'fastify';
import { LoginModes } from '@parley/contract/api';
import type { AdminSecrets } from './auth';

function loginModes(secrets: AdminSecrets): LoginModes {
  return { password: !!secrets.password, token: !!secrets.token };
}

export async function loginModesRoute(app: FastifyInstance, secrets: AdminSecrets): Promise<void> {
  app.get(
    '/api/login/modes',
    {
      schema: { tags: ['login'], summary: 'Which sign-in modes are configured', response: { 200: LoginModes } },
    },
    async () => loginModes(secrets),
  );
}
