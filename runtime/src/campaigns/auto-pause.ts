/**
 * Auto-pause on quality signals: a campaign whose quality failures (QUALITY_CODES) pass
 * `marketing.autoPause.failureRate` of its sends after `minSends`, or that sends a template Meta
 * paused or disabled, is paused with the reason, audited and alerted. Queued messages still go
 * (the send plane checks the template again); the fan-out stops until someone resumes it.
 */
import type { TemplateStatusEvent } from '@parley/contract';
import type { Sql } from '../db/sql';
import type { RuntimeContext } from '../platform/context';
import { raiseAlert } from '../send/alerts';
import { marketingOf } from './checklist';
import { QUALITY_CODES } from './failures';
import { transition } from './repository';
import { CampaignError } from './rows';
import { templatesOfFlow } from './validate';

type PauseContext = Pick<RuntimeContext, 'config' | 'log' | 'fetch' | 'now' | 'tenants'>;

async function pauseForQuality(ctx: PauseContext, sql: Sql, tenant: string, campaign: string, reason: string): Promise<boolean> {
  try {
    await transition(sql, tenant, campaign, 'paused', { actor: 'runtime', now: ctx.now(), reason, from: ['running', 'scheduled'] });
  } catch (err) {
    if (err instanceof CampaignError) return false; // already paused, finished or gone
    throw err;
  }
  await raiseAlert(ctx, {
    type: 'campaign.paused',
    tenant,
    message: `campaign ${campaign} of tenant ${tenant} paused: ${reason}; check it, then POST /api/campaigns/${campaign}/resume`,
    details: { campaign, reason },
  });
  return true;
}

/** After failures were recorded: pause the campaigns whose quality failure rate is over the threshold. */
export async function checkFailureRates(ctx: PauseContext, sql: Sql, tenant: string, campaigns: string[]): Promise<string[]> {
  const { minSends, failureRate } = marketingOf(
    ctx,
    ctx.tenants.find((t) => t.id === tenant),
  ).autoPause;
  const { rows } = await sql.query<{ campaign_id: string; sent: number; bad: number }>(
    `SELECT campaign_id, count(*) FILTER (WHERE sent_at IS NOT NULL OR failed_at IS NOT NULL)::int AS sent,
       count(*) FILTER (WHERE error_code = ANY($3::int[]))::int AS bad
     FROM campaign_recipients WHERE tenant = $1 AND campaign_id = ANY($2::text[]) GROUP BY campaign_id`,
    [tenant, campaigns, QUALITY_CODES],
  );
  const paused: string[] = [];
  for (const row of rows) {
    if (row.sent < minSends || row.bad / row.sent <= failureRate) continue;
    const rate = Math.round((row.bad / row.sent) * 1000) / 10;
    const reason = `${row.bad} of ${row.sent} messages (${rate}%) failed with Meta quality errors (131048/131049/131050), above ${failureRate * 100}%`;
    if (await pauseForQuality(ctx, sql, tenant, row.campaign_id, reason)) paused.push(row.campaign_id);
  }
  return paused;
}

/** A template became paused or disabled: the running campaigns that send it (directly or from their flow) pause. */
export async function pauseForTemplate(
  ctx: PauseContext & Pick<RuntimeContext, 'flows'>,
  sql: Sql,
  tenant: string,
  event: TemplateStatusEvent,
): Promise<string[]> {
  if (event.kind !== 'status' || (event.status !== 'paused' && event.status !== 'disabled')) return [];
  const { rows } = await sql.query<{ id: string; variants: Array<{ flow?: string; template?: { name: string } }> }>(
    `SELECT id, variants FROM campaigns WHERE tenant = $1 AND status IN ('running', 'scheduled')`,
    [tenant],
  );
  const paused: string[] = [];
  for (const row of rows) {
    let sends = false;
    for (const v of row.variants) {
      if (v.template?.name === event.name) sends = true;
      else if (v.flow !== undefined) {
        const live = await ctx.flows.live(v.flow);
        if (live && templatesOfFlow(live.flow).some((t) => t.name === event.name)) sends = true;
      }
    }
    if (!sends) continue;
    const reason = `template ${event.name} (${event.language}) was ${event.status} by Meta${event.reason ? `: ${event.reason}` : ''}`;
    if (await pauseForQuality(ctx, sql, tenant, row.id, reason)) paused.push(row.id);
  }
  return paused;
}
