/** /healthz (process is up), /readyz (store reachable and flows loaded), /metrics (Prometheus; access in metrics-access.ts). */
import type { FastifyInstance } from 'fastify';
import { Healthz, MetricsText, Readyz } from '@parley/contract/api';
import type { RuntimeContext } from '../platform/context';
import { withDeadline } from '../platform/deadline';

export async function healthRoutes(app: FastifyInstance, ctx: RuntimeContext): Promise<void> {
  app.get('/healthz', { schema: { tags: ['system'], summary: 'The process is up', response: { 200: Healthz } } }, async () => ({
    ok: true,
  }));

  app.get(
    '/readyz',
    {
      schema: { tags: ['system'], summary: 'The store answers and a flow is live (503 otherwise)', response: { 200: Readyz, 503: Readyz } },
    },
    async (_req, reply) => {
      // A frozen store must not make the probe hang: not answering in time is "not ready".
      const storeOk = await withDeadline(ctx.stores.ping(), ctx.config.server.storeTimeoutMs, 'store ping').catch(() => false);
      // What is live is the store's answer: a publish made by another process counts here at once.
      if (storeOk) await withDeadline(ctx.flows.refreshLive(), ctx.config.server.storeTimeoutMs, 'live flows').catch(() => undefined);
      const flows = ctx.flows.list();
      const flowsLoaded = flows.some((f) => f.publishedVersion !== null);
      const ready = storeOk && flowsLoaded;
      return reply.code(ready ? 200 : 503).send({
        ready,
        store: { kind: ctx.stores.kind, reachable: storeOk },
        flows: {
          loaded: flows.filter((f) => f.publishedVersion !== null).length,
          withErrors: flows.filter((f) => f.issues.some((i) => i.severity === 'error')).length,
        },
      });
    },
  );
}

export async function metricsRoute(app: FastifyInstance, ctx: RuntimeContext): Promise<void> {
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['system'],
        summary: 'Prometheus metrics (access: config metrics.tokenEnv / metrics.bind)',
        response: { 200: { description: 'Prometheus text exposition', content: { 'text/plain': { schema: MetricsText } } } },
      },
    },
    async (_req, reply) => {
      // Queue gauges read the store; while it does not answer they are NaN and the rest still scrapes.
      const [ready, pending, dead, active] = await withDeadline(
        Promise.all([
          ctx.stores.inbox.readyCount(),
          ctx.stores.outbox.pendingCount(),
          ctx.stores.deadLetters.count(),
          ctx.stores.conversations.countSessions(),
        ]),
        ctx.config.server.storeTimeoutMs,
        'queue gauges',
      ).catch(() => [NaN, NaN, NaN, NaN] as const);
      ctx.metrics.queueDepth.set({ queue: 'inbox' }, ready);
      ctx.metrics.queueDepth.set({ queue: 'outbox' }, pending);
      // Dead letters wait for a person (replay or discard): an alert on this gauge finds poison items.
      ctx.metrics.queueDepth.set({ queue: 'dead_letters' }, dead);
      ctx.metrics.activeConversations.set(active);
      return reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
    },
  );
}
