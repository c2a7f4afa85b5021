/**
 * The launch checklist: what a marketer confirms before a campaign starts. Errors refuse the
 * launch (a variant's flow is not published, its template is not approved, nobody could be
 * messaged); warnings are shown and allowed (contacts without consent will be suppressed, quiet
 * hours will hold some sends).
 */
import type { Campaign } from '@parley/contract';
import type { ChecklistItem, ChecklistResponse } from '@parley/contract/api';
import type { MarketingConfig, ResolvedTenant } from '../config/types';
import type { Sql } from '../db/sql';
import type { RuntimeContext } from '../platform/context';
import { audienceFilter, countAudience } from './audience';
import { CampaignError } from './rows';
import { draftProblems, templatesOfFlow } from './validate';

export function marketingOf(ctx: Pick<RuntimeContext, 'config'>, tenant: ResolvedTenant | undefined): MarketingConfig {
  return tenant?.marketing ?? ctx.config.marketing;
}

/** Messages per second the campaign may start: its share of the tenant's number (WhatsApp first). */
export function campaignRate(ctx: Pick<RuntimeContext, 'routes' | 'config'>, tenantId: string, rateShare: number): number {
  const routes = [...ctx.routes.values()].filter((r) => r.tenant.id === tenantId);
  const route = routes.find((r) => r.channel.type === 'whatsapp') ?? routes[0];
  const numberRate = route?.ratePerSecond ?? ctx.config.send.ratePerSecond;
  return Math.max(0.1, numberRate * rateShare);
}

type ChecklistContext = Pick<RuntimeContext, 'flows' | 'templates' | 'routes' | 'config' | 'tenants'>;

export async function checklist(ctx: ChecklistContext, sql: Sql, campaign: Campaign, now: number): Promise<ChecklistResponse> {
  const tenant = ctx.tenants.find((t) => t.id === campaign.tenant);
  const marketing = marketingOf(ctx, tenant);
  const items: ChecklistItem[] = [];
  const add = (check: string, level: ChecklistItem['level'], message: string): void => void items.push({ check, level, message });

  const problems = await draftProblems(ctx, campaign);
  for (const p of problems) add(p.path.startsWith('variants') ? 'variants' : p.path.split('.')[0]!, 'error', `${p.path}: ${p.message}`);
  if (campaign.status !== 'draft') add('status', 'error', `the campaign is ${campaign.status}: only a draft can be launched`);

  for (const variant of campaign.variants) {
    if (variant.flow !== undefined) {
      const live = await ctx.flows.live(variant.flow);
      if (!live) continue; // reported above
      add('flow_published', 'ok', `variant ${variant.id}: flow "${variant.flow}" is published (version ${live.version})`);
      for (const t of templatesOfFlow(live.flow)) await checkTemplate(ctx, campaign.tenant, variant.id, t.name, t.language, add);
    } else if (variant.template) {
      await checkTemplate(ctx, campaign.tenant, variant.id, variant.template.name, variant.template.language, add);
    }
  }

  let audience = 0;
  let consented = 0;
  try {
    const filter = await audienceFilter(sql, campaign.tenant, campaign);
    const counted = await countAudience(sql, campaign.tenant, filter, now);
    audience = counted.audience;
    consented = counted.consented;
    const reachable = marketing.requireOptIn ? consented : audience - counted.optedOut;
    if (audience === 0) add('audience_consented', 'error', 'the audience is empty: no contact matches the filter');
    else if (reachable === 0)
      add('audience_consented', 'error', `none of the ${audience} contacts has a marketing opt-in: every send would be suppressed`);
    else if (reachable < audience)
      add(
        'audience_consented',
        'warning',
        `${reachable} of ${audience} contacts can be messaged; ${audience - reachable} have no marketing opt-in or opted out and will be suppressed`,
      );
    else add('audience_consented', 'ok', `all ${audience} contacts have a marketing opt-in`);
  } catch (err) {
    if (!(err instanceof CampaignError)) throw err;
    add('audience_consented', 'error', err.message);
  }

  const quiet = marketing.quietHours;
  if (quiet)
    add('quiet_hours', 'warning', `sends due between ${quiet.start} and ${quiet.end} in a contact's time zone wait until ${quiet.end}`);
  else add('quiet_hours', 'ok', 'no quiet hours are configured: sends go out at any hour');

  const ratePerSecond = campaignRate(ctx, campaign.tenant, campaign.rateShare);
  const recipients = marketing.requireOptIn ? consented : audience;
  const estimatedDurationMs = Math.ceil((recipients / ratePerSecond) * 1000);
  add(
    'duration',
    'ok',
    `${recipients} messages at ${round(ratePerSecond)}/s (${Math.round(campaign.rateShare * 100)}% of the number's rate): about ${humanDuration(estimatedDurationMs)}`,
  );
  return {
    campaign: campaign.id,
    items,
    audience,
    consented,
    estimatedDurationMs,
    ratePerSecond,
    canLaunch: !items.some((i) => i.level === 'error'),
  };
}

async function checkTemplate(
  ctx: ChecklistContext,
  tenant: string,
  variant: string,
  name: string,
  language: string | undefined,
  add: (check: string, level: ChecklistItem['level'], message: string) => void,
): Promise<void> {
  const service = ctx.templates;
  if (!service?.enabled()) return;
  const states = await service.states(tenant, name);
  const languages = language !== undefined ? [language] : Object.keys(service.get(name)?.languages ?? {});
  const approved = languages.filter((l) => states[l]?.status === 'approved');
  if (approved.length === 0) {
    const seen = languages.map((l) => `${l}: ${states[l]?.status ?? 'not submitted'}`).join(', ');
    add('template_approved', 'error', `variant ${variant}: template "${name}" is not approved by Meta (${seen || 'no language'})`);
  } else if (approved.length < languages.length)
    add(
      'template_approved',
      'warning',
      `variant ${variant}: template "${name}" is approved in ${approved.join(', ')} only; contacts in other languages get ${approved[0]}`,
    );
  else add('template_approved', 'ok', `variant ${variant}: template "${name}" is approved (${approved.join(', ')})`);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function humanDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min`;
  const h = Math.floor(m / 60);
  return `${h} h ${m % 60} min`;
}
