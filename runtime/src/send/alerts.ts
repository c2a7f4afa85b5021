/** Token failures pause the tenant's sending and raise an alert: log, metric and optional webhook. */
import type { RuntimeContext } from '../app/context';

export async function pauseTenant(ctx: RuntimeContext, tenant: string, reason: string): Promise<void> {
  const already = await ctx.stores.tenants.paused(tenant);
  if (already) return;
  await ctx.stores.tenants.pause(tenant, reason, ctx.now());
  ctx.metrics.tenantPaused.set({ tenant }, 1);
  ctx.log.error({ tenant, reason }, `ALERT: sending paused for tenant ${tenant} (${reason}); fix the token, then POST /api/tenants/${tenant}/resume`);
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
  ctx.metrics.tenantPaused.set({ tenant }, 0);
  if (resumed) ctx.log.info({ tenant }, `sending resumed for tenant ${tenant}`);
  return resumed;
}
