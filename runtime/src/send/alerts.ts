/** Token failures pause the tenant's sending and raise an alert: log, metric and optional webhook. */
import type { RuntimeContext } from '../platform/context';

/** How long a tenant's pause state is trusted before asking the store again (a pause/resume in this process applies at once). */
const PAUSE_CACHE_MS = 500;

export async function pauseTenant(ctx: RuntimeContext, tenant: string, reason: string): Promise<void> {
  const already = await ctx.stores.tenants.paused(tenant);
  if (already) return;
  await ctx.stores.tenants.pause(tenant, reason, ctx.now());
  forgetPauseState(ctx, tenant);
  ctx.metrics.tenantPaused.set({ tenant }, 1);
  ctx.log.error(
    { tenant, reason },
    `ALERT: sending paused for tenant ${tenant} (${reason}); fix the token, then POST /api/tenants/${tenant}/resume`,
  );
  const url = ctx.config.alerts?.webhookUrl;
  if (!url) return;
  try {
    await ctx.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'tenant.paused', tenant, reason, at: new Date(ctx.now()).toISOString() }),
      signal: AbortSignal.timeout(5000),
    });
  } catch (err) {
    ctx.log.warn({ err: (err as Error).message, tenant }, 'alert webhook failed');
  }
}

export async function resumeTenant(ctx: RuntimeContext, tenant: string): Promise<boolean> {
  const resumed = await ctx.stores.tenants.resume(tenant);
  forgetPauseState(ctx, tenant);
  ctx.metrics.tenantPaused.set({ tenant }, 0);
  if (resumed) ctx.log.info({ tenant }, `sending resumed for tenant ${tenant}`);
  return resumed;
}

/** Per store set (tests run several runtimes in one process): tenant → pause state and until when it is trusted. */
const pauseCaches = new WeakMap<object, Map<string, { paused: boolean; until: number }>>();

function pauseCache(ctx: RuntimeContext): Map<string, { paused: boolean; until: number }> {
  let cache = pauseCaches.get(ctx.stores);
  if (!cache) pauseCaches.set(ctx.stores, (cache = new Map()));
  return cache;
}

/** The senders' check before each claim, cached briefly: one store read per tenant per half second, not per send. */
export async function isPaused(ctx: RuntimeContext, tenant: string): Promise<boolean> {
  const now = Date.now();
  const cached = pauseCache(ctx).get(tenant);
  if (cached && cached.until > now) return cached.paused;
  const paused = (await ctx.stores.tenants.paused(tenant)) !== null;
  pauseCache(ctx).set(tenant, { paused, until: now + PAUSE_CACHE_MS });
  return paused;
}

function forgetPauseState(ctx: RuntimeContext, tenant: string): void {
  pauseCache(ctx).delete(tenant);
}
