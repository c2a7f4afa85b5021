/**
 * Who may read GET /metrics (config `metrics`): with `tokenEnv`, only requests carrying
 * `Authorization: Bearer <that secret>` (wrong tokens throttled per client like the admin API);
 * with `bind`, it is served by its own listener on that address (e.g. an internal interface)
 * and not on the main port at all. Neither: open on the main port, as Prometheus expects by
 * default; the metrics hold counts and ids, no personal data or secrets.
 */
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEqual } from '../admin/auth';
import { sendError } from '../admin/errors';
import { SignInGuard } from '../admin/sign-in-guard';
import type { RuntimeContext } from '../platform/context';
import { metricsRoute } from './health';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** "host:port" or "[v6]:port" (the schema checked the shape) → listen options. */
function parseBind(bind: string): { host: string; port: number } {
  const at = bind.lastIndexOf(':');
  const host = bind.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  const port = Number(bind.slice(at + 1));
  if (!host || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`metrics.bind "${bind}" must be host:port with a port from 0 to 65535`);
  return { host, port };
}

export async function serveMetrics(app: FastifyInstance, ctx: RuntimeContext): Promise<void> {
  const { tokenEnv, token, bind } = ctx.config.metrics ?? {};
  const guard = tokenEnv ? tokenGuard(ctx, tokenEnv, token) : null;
  const plugin = async (scope: FastifyInstance): Promise<void> => {
    if (guard) scope.addHook('onRequest', guard);
    await metricsRoute(scope, ctx);
  };
  if (!bind) {
    if (!tokenEnv && !LOOPBACK.has(ctx.config.server.host)) {
      ctx.log.warn(
        '/metrics is open to anyone who reaches the server port: set metrics.tokenEnv or metrics.bind in the config (docs/operations.md)',
      );
    }
    await app.register(plugin);
    return;
  }
  const { host, port } = parseBind(bind);
  const side = Fastify({ loggerInstance: ctx.log as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }) });
  side.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({
      error: { code: 'not_found', message: `this listener serves only GET /metrics (got ${req.method} ${req.url.split('?')[0]})` },
    });
  });
  await side.register(plugin);
  // The side listener lives and dies with the main server (listen → ready → here; close → close).
  app.addHook('onReady', async () => {
    try {
      const address = await side.listen({ host, port });
      ctx.log.info({ address }, '/metrics served on its own listener (metrics.bind)');
    } catch (err) {
      throw new Error(`metrics.bind ${bind}: cannot listen (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  });
  app.addHook('onClose', async () => side.close());
}

/** `secret`: the value of `tokenEnv`, as the config loader resolved it (undefined: the variable is not set). */
function tokenGuard(
  ctx: RuntimeContext,
  tokenEnv: string,
  secret: string | undefined,
): (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> {
  if (!secret) ctx.log.warn({ tokenEnv }, `metrics.tokenEnv names ${tokenEnv}, which is not set: /metrics refuses every request`);
  const guard = new SignInGuard(ctx);
  return async (req, reply) => {
    const attempt = guard.attempt(req, 'metrics');
    if (guard.refuseIfLocked(attempt, req, reply)) return reply;
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    if (!secret || !token || !constantTimeEqual(token, secret)) {
      guard.failed(
        attempt,
        req,
        !secret ? `${tokenEnv} is not set` : token ? 'wrong metrics token' : 'no Authorization header',
        token !== undefined,
      );
      return sendError(
        reply,
        401,
        'unauthorized',
        secret ? 'send Authorization: Bearer <metrics token>' : `/metrics is closed: ${tokenEnv} is not set`,
      );
    }
    return undefined;
  };
}
