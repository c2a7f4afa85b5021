/**
 * The periodic pull (`templates.syncIntervalSec`, 0 = off): every interval, each tenant with a
 * wabaId and an access token lists its templates at Meta and applies what a webhook missed
 * (reconcile.ts). Runs in scheduler processes; several may run it: the store's atomic merge
 * applies (and alerts) each change once. The first pull runs at start, catching up on downtime.
 */
import type { Logger } from 'pino';
import type { ResolvedTenant } from '../config/types';
import type { RuntimeTemplates } from './runtime-templates';

export interface SyncJob {
  /** Runs one pull of every tenant now (also what the timer does). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export function startTemplateSync(
  templates: RuntimeTemplates,
  tenants: readonly ResolvedTenant[],
  intervalSec: number,
  log: Logger,
): SyncJob {
  let running: Promise<void> | null = null;
  let stopped = false;
  const runOnce = (): Promise<void> => {
    // One pull at a time: a slow Graph API must not stack pulls up.
    running ??= (async () => {
      for (const tenant of tenants) {
        if (stopped) return;
        try {
          const applied = await templates.reconcile(tenant);
          if (applied > 0) log.info({ tenant: tenant.id, changes: applied }, 'template statuses pulled from Meta: changes applied');
        } catch (err) {
          log.warn({ tenant: tenant.id, err: (err as Error).message }, 'template status pull failed; the next one retries');
        }
      }
    })().finally(() => (running = null));
    return running;
  };
  const timer = intervalSec > 0 ? setInterval(() => void runOnce(), intervalSec * 1000) : undefined;
  timer?.unref();
  if (intervalSec > 0) void runOnce();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
