/** The admin/studio API under /api (see docs/admin-api.md): bearer auth on everything but login. */
import type { FastifyInstance } from 'fastify';
import type { RuntimeContext } from '../app/context';
import { checkPassword, isAuthorized, issueLoginToken } from './auth';
import { deskApi } from './desk-api';
import { isObject, sendError } from './errors';
import { loginModesRoute } from './login-modes';
import { flowsApi } from './flows-api';
import { opsApi } from './ops-api';
import { simulatorApi } from './simulator-api';

export async function adminRoutes(app: FastifyInstance, ctx: RuntimeContext, onQueued?: () => void): Promise<void> {
  app.post<{ Body: { password?: unknown } }>('/api/login', async (req, reply) => {
    const password = isObject(req.body) ? req.body.password : undefined;
    if (!checkPassword(ctx.admin, password)) return sendError(reply, 401, 'unauthorized', ctx.admin.password ? 'wrong password' : 'password login is not configured');
    return { token: issueLoginToken(ctx.admin, ctx.now()) };
  });

  await loginModesRoute(app, ctx.admin);

  await app.register(async (scope) => {
    scope.addHook('onRequest', async (req, reply) => {
      if (!isAuthorized(ctx.admin, req.headers.authorization, ctx.now())) {
        return sendError(reply, 401, 'unauthorized', 'send Authorization: Bearer <admin token or login token>');
      }
    });
    await scope.register(async (s) => flowsApi(s, ctx));
    await scope.register(async (s) => opsApi(s, ctx));
    await scope.register(async (s) => deskApi(s, ctx, onQueued));
    await scope.register(async (s) => simulatorApi(s, ctx, onQueued));
  });
}
