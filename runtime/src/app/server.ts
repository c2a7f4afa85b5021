/** Builds the Fastify app for the HTTP roles of a runtime process. */
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance, RouteOptions } from 'fastify';
import { describeRoutes } from '../admin/api-docs';
import { formatSchemaError } from '../admin/schema-errors';
import { webhookRoutes } from '../ingress/webhooks';
import type { RuntimeContext } from '../platform/context';
import { healthRoutes } from './health';
import { serveMetrics } from './metrics-access';
import { registerSecurityHeaders } from './security-headers';
import { parseJsonBody } from '../platform/json-body';

export interface ServerOptions {
  /** Webhooks + admin/studio API. Off: only /healthz, /readyz and /metrics. */
  ingress: boolean;
  /** Extra route plugins registered by main (admin API, simulator, studio). */
  plugins?: Array<(app: FastifyInstance, ctx: RuntimeContext, onQueued?: () => void) => Promise<void>>;
  /** Called after the webhook route queued work (wakes a worker in the same process). */
  onQueued?: () => void;
  /** Sees every route as it is registered (tests check that each declares its schemas). */
  onRoute?: (route: RouteOptions) => void;
}

export async function buildServer(ctx: RuntimeContext, opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps the default instance type everywhere.
    loggerInstance: ctx.log as FastifyBaseLogger,
    // Per-request logs would dominate at webhook rates; metrics carry the request numbers.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: ctx.config.server.bodyLimitBytes,
    trustProxy: ctx.config.server.trustProxy,
    // Route schemas (@parley/contract/api) validate requests; a mismatch is the API's usual 400.
    schemaErrorFormatter: formatSchemaError,
    // A body's types are the client's: "42" is not a number, 42 is not a string.
    ajv: { customOptions: { coerceTypes: false } },
  });
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  // JSON bodies: nesting limited before parsing (a 20,000-deep body is a 400, not a stack overflow).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  // Bad input gets a precise JSON error, never a stack trace.
  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    void reply.code(status).send({
      error: { code: err.code ?? (status >= 500 ? 'internal' : 'bad_request'), message: status >= 500 ? 'internal error' : err.message },
    });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ error: { code: 'not_found', message: `no route for ${req.method} ${req.url.split('?')[0]}` } });
  });
  await registerSecurityHeaders(app);
  // Before any route: the OpenAPI description is collected from the routes as they register.
  if (opts.ingress) await describeRoutes(app);
  await app.register(async (scope) => healthRoutes(scope, ctx));
  await serveMetrics(app, ctx);
  if (opts.ingress) {
    await app.register(async (scope) => webhookRoutes(scope, ctx, opts.onQueued));
    for (const plugin of opts.plugins ?? []) await app.register(async (scope) => plugin(scope, ctx, opts.onQueued));
  }
  return app;
}
