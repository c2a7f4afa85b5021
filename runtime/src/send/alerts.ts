/**
 * Alerts: what an operator must act on, on one channel — an error log line starting `ALERT:` and,
 * when `alerts.webhookUrl` is set, a POST of `{ type, tenant, …, message, at }`. Token failures
 * pause the tenant's sending (and raise `tenant.paused`); template changes that stop or threaten
 * sends (paused, disabled, rejected, quality red, category changed) raise `template.*` alerts.
 */
import type { RuntimeContext } from '../platform/context';

/** How long a tenant's pause state is trusted before asking the store again (a pause/resume in this process applies at once). */
const PAUSE_CACHE_MS = 500;

/** What raising an alert needs: the alerts webhook, the log, outbound HTTP and the clock. */
export type AlertContext = Pick<RuntimeContext, 'config' | 'log' | 'fetch' | 'now'>;

export interface Alert {
  /** `tenant.paused`, `template.paused`, `template.disabled`, `template.rejected`, `template.quality`, `template.category`. */
  type: string;
  tenant: string;
  /** The sentence of the log line (after `ALERT: `) and the webhook's `message`. */
  message: string;
  /** Extra fields of the log line and the webhook body (template, language, reason, …). */
  details?: Record<string, unknown>;
}

/** Logs the alert and posts it to the alerts webhook; a failing webhook is a warning, never an exception. */
export async function raiseAlert(ctx: AlertContext, alert: Alert): Promise<void> {
  const { type, tenant, message, details = {} } = alert;
  ctx.log.error({ alert: type, tenant, ...details }, `ALERT: ${message}`);
  const url = ctx.config.alerts?.webhookUrl;
  if (!url) return;
  try {
    const res = await ctx.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type, tenant, ...details, message, at: new Date(ctx.now()).toISOString() }),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) ctx.log.warn({ status: res.status, tenant, alert: type }, 'alert webhook answered an error');
  } catch (err) {
    ctx.log.warn({ err: (err as Error).message, tenant, alert: type }, 'alert webhook failed');
  }
}

/** Logs `ALERT: sending paused for tenant <id> (<reason>); fix the token, then POST /api/tenants/<id>/resume` (quoted in docs/whatsapp-setup.md). */
export async function pauseTenant(ctx: RuntimeContext, tenant: string, reason: string): Promise<void> {
  const already = await ctx.stores.tenants.paused(tenant);
  if (already) return;
  await ctx.stores.tenants.pause(tenant, reason, ctx.now());
  forgetPauseState(ctx, tenant);
  ctx.metrics.tenantPaused.set({ tenant }, 1);
  await raiseAlert(ctx, {
    type: 'tenant.paused',
    tenant,
    message: `sending paused for tenant ${tenant} (${reason}); fix the token, then POST /api/tenants/${tenant}/resume`,
    details: { reason },
  });
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
