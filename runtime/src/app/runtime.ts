/**
 * Starts the roles of one runtime process on a context: the HTTP server (ingress role: webhooks
 * + admin/studio API; every process serves /healthz, /readyz, /metrics), the worker pool, the
 * sender pool, the timer scheduler and the flows watcher. `stop()` shuts down gracefully:
 * stop accepting, finish in-flight work, release leases.
 */
import type { FastifyInstance } from 'fastify';
import { adminRoutes } from '../admin/routes';
import { startCampaignRunner } from '../campaigns/runner';
import { campaignTracking } from '../campaigns/tracking';
import { watchFlows } from '../flows/watch';
import { startScheduler } from '../scheduler/scheduler';
import { createSendPlane } from '../send/plane';
import { studioRoutes } from '../admin/studio-static';
import { flushRecordWriters } from '../worker/subscribers';
import { createWorker } from '../worker/worker';
import { createRuntimeTemplates } from '../templates/create';
import { RuntimeTemplates } from '../templates/runtime-templates';
import { startTemplateSync } from '../templates/sync-job';
import { watchTemplates } from '../templates/watch';
import type { RuntimeContext } from '../platform/context';
import type { Role } from './roles';
import { buildServer } from './server';

export interface RunningRuntime {
  app: FastifyInstance;
  /** Base URL once listening. */
  url: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  roles: Set<Role>;
  port?: number;
  host?: string;
  /** Watch flows/ for changes (default true). */
  watch?: boolean;
  workerConcurrency?: number;
  senderConcurrency?: number;
  /** Worker lease (default 15 s): how long a dead worker's conversations wait before another takes them. */
  workLeaseMs?: number;
}

export async function startRuntime(ctx: RuntimeContext, opts: StartOptions): Promise<RunningRuntime> {
  const { roles } = opts;
  // The same decision as `parley test`, `parley chat` and `parley nlu eval` (one function in
  // @parley/nlu), so a flow is understood — and measured — the same way in CI and live.
  if (ctx.nluEncoder === undefined && roles.has('worker')) {
    const { understandingConfiguration } = await import('@parley/nlu/vectors');
    const understanding = understandingConfiguration({ vectors: ctx.config.nlu.vectors });
    ctx.nluEncoder = understanding.encoder;
    ctx.log.info({ nlu: understanding.description }, 'understanding configuration');
  }
  // Templates: the files (hot-reloaded like flows), the live statuses, and the periodic pull from Meta (scheduler processes).
  ctx.templates ??= createRuntimeTemplates(ctx);
  const templates = ctx.templates instanceof RuntimeTemplates ? ctx.templates : null;
  await templates?.load();
  const templateWatcher = templates && opts.watch !== false ? watchTemplates(templates.catalog, ctx.log) : null;
  await templateWatcher?.ready;
  const templateSync =
    templates && roles.has('scheduler') ? startTemplateSync(templates, ctx.tenants, ctx.config.templates.syncIntervalSec, ctx.log) : null;
  // Before the flows: a file deploy pins the template versions its sessions render (flows/registry.ts).
  ctx.flows.useTemplates(() => ctx.templates);
  await ctx.flows.loadAll();
  const watcher = opts.watch === false ? null : watchFlows(ctx.flows, ctx.log);
  await watcher?.ready;

  const sender = roles.has('sender') ? createSendPlane(ctx, { concurrency: opts.senderConcurrency ?? 64 }) : null;
  // Trained NLU models from earlier runs / other processes: no retraining at start.
  const models = roles.has('worker') ? await ctx.stores.models.loadAll() : undefined;
  const worker = roles.has('worker')
    ? createWorker(ctx, {
        concurrency: opts.workerConcurrency ?? 16,
        ...(models ? { models } : {}),
        ...(opts.workLeaseMs ? { leaseMs: opts.workLeaseMs } : {}),
      })
    : null;
  const scheduler = roles.has('scheduler') ? startScheduler(ctx, { onFired: () => worker?.pool.wake() }) : null;
  // Campaigns need the business records: without a database they are off.
  const campaigns = roles.has('scheduler') && ctx.db ? startCampaignRunner(ctx, ctx.db, { onQueued: () => worker?.pool.wake() }) : null;
  if (worker && sender) worker.onOutbound = () => sender.wake();

  const app = await buildServer(ctx, {
    ingress: roles.has('ingress'),
    plugins: [adminRoutes, studioRoutes],
    ...(worker ? { onQueued: () => worker.pool.wake() } : {}),
  });
  const address = await app.listen({ port: opts.port ?? ctx.config.server.port, host: opts.host ?? ctx.config.server.host });
  worker?.pool.start();
  sender?.start();
  ctx.log.info({ roles: [...roles], address, store: ctx.stores.kind }, 'parley runtime started');

  let stopped = false;
  return {
    app,
    url: address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1'),
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
      await scheduler?.stop();
      await campaigns?.stop();
      await worker?.pool.stop();
      await worker?.drainJobs();
      await flushRecordWriters(ctx);
      await sender?.stop();
      await campaignTracking(ctx)?.flush();
      await watcher?.close();
      await templateSync?.stop();
      await templateWatcher?.close();
      templates?.close();
    },
  };
}
