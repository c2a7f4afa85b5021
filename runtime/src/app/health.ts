/** /healthz (process is up), /readyz (store reachable and flows loaded), /metrics (Prometheus). */
import type { FastifyInstance } from 'fastify';
import type { RuntimeContext } from './context';

export async function healthRoutes(app: FastifyInstance, ctx: RuntimeContext): Promise<void> {
  app.get('/healthz', async () => ({ ok: true }));

  app.get('/readyz', async (_req, reply) => {
    const storeOk = await ctx.stores.ping();
    const flows = ctx.flows.list();
    const flowsLoaded = flows.some((f) => f.publishedVersion !== null);
    const ready = storeOk && flowsLoaded;
    return reply.code(ready ? 200 : 503).send({
      ready,
      store: { kind: ctx.stores.kind, reachable: storeOk },
      flows: { loaded: flows.filter((f) => f.publishedVersion !== null).length, withErrors: flows.filter((f) => f.issues.some((i) => i.severity === 'error')).length },
    });
  });

  app.get('/metrics', async (_req, reply) => {
    const [ready, pending, active] = await Promise.all([
      ctx.stores.inbox.readyCount(), ctx.stores.outbox.pendingCount(), ctx.stores.conversations.countSessions(),
    ]).catch(() => [NaN, NaN, NaN] as const);
    ctx.metrics.queueDepth.set({ queue: 'inbox' }, ready);
    ctx.metrics.queueDepth.set({ queue: 'outbox' }, pending);
    ctx.metrics.activeConversations.set(active);
    return reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
}
