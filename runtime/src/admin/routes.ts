/** The admin/studio API under /api (see docs/admin-api.md): bearer auth on everything but sign-in; its description at /openapi.json and /docs. */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorEnvelope, LoginBody, LoginResult } from '@parley/contract/api';
import type { RuntimeContext } from '../platform/context';
import { apiDocsRoutes } from './api-docs';
import { checkPassword, isAuthorized, issueLoginToken } from './auth';
import { contactImportsApi } from './contact-imports-api';
import { contactPrivacyApi } from './contact-privacy-api';
import { campaignsApi } from './campaigns-api';
import { consentApi } from './consent-api';
import { contactsApi } from './contacts-api';
import { deskApi } from './desk-api';
import { sendError } from './errors';
import { flowsApi } from './flows-api';
import { loginModesRoute } from './login-modes';
import { opsApi } from './ops-api';
import { SignInGuard } from './sign-in-guard';
import { segmentsApi } from './segments-api';
import { simulatorApi } from './simulator-api';
import { templatesApi } from './templates-api';

/** Sign-in requests per client address and minute, right or wrong: a flood cap on top of the failure locks. */
export const LOGIN_REQUESTS_PER_MINUTE = 30;

export async function adminRoutes(app: FastifyInstance, ctx: RuntimeContext, onQueued?: () => void): Promise<void> {
  const guard = new SignInGuard(ctx);

  await app.register(async (scope) => {
    await scope.register(rateLimit, {
      global: false,
      // Thrown to the app's error handler, which answers { error: { code, message } } like every route.
      errorResponseBuilder: (_req, limit) =>
        Object.assign(
          new Error(`Too many sign-in requests from this address. Try again in ${Math.max(1, Math.ceil(limit.ttl / 1000))} seconds.`),
          { statusCode: 429, code: 'too_many_attempts' },
        ),
    });
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/login',
      {
        config: { rateLimit: { max: LOGIN_REQUESTS_PER_MINUTE, timeWindow: 60_000 } },
        schema: {
          tags: ['login'],
          summary: 'Exchange the admin password for a login token (12 hours)',
          body: LoginBody,
          response: { 200: LoginResult, 401: ErrorEnvelope, 429: ErrorEnvelope },
        },
      },
      async (req, reply) => {
        const attempt = guard.attempt(req, 'login', ctx.admin.user);
        if (guard.refuseIfLocked(attempt, req, reply)) return reply;
        const password = req.body?.password;
        if (!checkPassword(ctx.admin, password)) {
          const configured = !!ctx.admin.password;
          guard.failed(
            attempt,
            req,
            !configured
              ? 'password sign-in is not configured'
              : typeof password === 'string'
                ? 'wrong password'
                : 'no password in the body',
            configured,
          );
          return sendError(reply, 401, 'unauthorized', configured ? 'wrong password' : 'password login is not configured');
        }
        guard.succeeded(attempt);
        return { token: issueLoginToken(ctx.admin, ctx.now()) };
      },
    );
  });

  // Every /api route but sign-in, and the API's description, need the admin token or a login token.
  const requireAdmin = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const attempt = guard.attempt(req, 'bearer');
    if (guard.refuseIfLocked(attempt, req, reply)) return reply;
    if (!isAuthorized(ctx.admin, req.headers.authorization, ctx.now())) {
      const offered = req.headers.authorization !== undefined;
      guard.failed(attempt, req, offered ? 'wrong, malformed or expired token' : 'no Authorization header', offered);
      return sendError(reply, 401, 'unauthorized', 'send Authorization: Bearer <admin token or login token>');
    }
    return undefined;
  };

  await loginModesRoute(app, ctx.admin);
  await apiDocsRoutes(app, requireAdmin);

  await app.register(async (scope) => {
    scope.addHook('onRequest', requireAdmin);
    await scope.register(async (s) => flowsApi(s, ctx));
    await scope.register(async (s) => opsApi(s, ctx));
    await scope.register(async (s) => deskApi(s, ctx, onQueued));
    await scope.register(async (s) => simulatorApi(s, ctx, onQueued));
    await scope.register(async (s) => templatesApi(s, ctx));
    await scope.register(async (s) => campaignsApi(s, ctx));
    await scope.register(async (s) => contactsApi(s, ctx));
    await scope.register(async (s) => consentApi(s, ctx));
    await scope.register(async (s) => segmentsApi(s, ctx));
    await scope.register(async (s) => contactImportsApi(s, ctx));
    await scope.register(async (s) => contactPrivacyApi(s, ctx));
  });
}
