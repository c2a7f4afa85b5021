import type { MarketingConfig } from '../config/types';
import type { RuntimeContext } from '../platform/context';

/** The tenant's marketing rules (its overrides merged at config load), else the top-level ones. */
export function marketingRulesOf(ctx: Pick<RuntimeContext, 'tenants' | 'config'>, tenantId: string): MarketingConfig {
  return ctx.tenants.find((t) => t.id === tenantId)?.marketing ?? ctx.config.marketing;
}
