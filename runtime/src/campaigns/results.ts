/**
 * A campaign's funnel, per variant and in total, from one GROUP BY over its recipient rows:
 * audience, suppressed (by reason), pending, queued, sent, delivered, read, replied, opted out,
 * converted, failed (by error class); plus the live rate and the time left at that pace.
 */
import type { CampaignResults, Funnel } from '@parley/contract';
import type { Sql } from '../db/sql';
import type { RuntimeContext } from '../platform/context';
import { campaignRate } from './checklist';
import { requireCampaign } from './repository';
import { attributeOptOuts } from './tracking';

interface GroupRow {
  variant: string;
  status: string;
  reason: string | null;
  n: number;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
  opted_out: number;
  converted: number;
  recent: number;
}

function emptyFunnel(): Funnel {
  return {
    audience: 0,
    suppressed: 0,
    suppressedBy: {},
    pending: 0,
    queued: 0,
    sent: 0,
    delivered: 0,
    read: 0,
    replied: 0,
    optedOut: 0,
    converted: 0,
    failed: 0,
    failedBy: {},
  };
}

function add(f: Funnel, row: GroupRow): void {
  f.audience += row.n;
  f.sent += row.sent;
  f.delivered += row.delivered;
  f.read += row.read;
  f.replied += row.replied;
  f.optedOut += row.opted_out;
  f.converted += row.converted;
  if (row.status === 'suppressed') {
    f.suppressed += row.n;
    const reason = row.reason ?? 'unknown';
    f.suppressedBy[reason] = (f.suppressedBy[reason] ?? 0) + row.n;
  } else if (row.status === 'pending') f.pending += row.n;
  else if (row.status === 'queued') f.queued += row.n;
  else if (row.status === 'failed') {
    f.failed += row.n;
    const reason = row.reason ?? 'unknown';
    f.failedBy[reason] = (f.failedBy[reason] ?? 0) + row.n;
  }
}

const RATE_WINDOW_MS = 60_000;

export async function campaignResults(
  ctx: Pick<RuntimeContext, 'routes' | 'config'>,
  sql: Sql,
  tenant: string,
  id: string,
  now: number,
): Promise<CampaignResults> {
  const campaign = await requireCampaign(sql, tenant, id);
  if (campaign.startedAt !== undefined) await attributeOptOuts(sql, tenant, campaign.startedAt);
  const { rows } = await sql.query<GroupRow>(
    `SELECT variant, status, reason, count(*)::int AS n, count(sent_at)::int AS sent, count(delivered_at)::int AS delivered,
       count(read_at)::int AS read, count(replied_at)::int AS replied, count(opted_out_at)::int AS opted_out,
       count(converted_at)::int AS converted, count(*) FILTER (WHERE sent_at >= $3)::int AS recent
     FROM campaign_recipients WHERE tenant = $1 AND campaign_id = $2
     GROUP BY variant, status, reason`,
    [tenant, id, now - RATE_WINDOW_MS],
  );
  const totals = emptyFunnel();
  const variants: Record<string, Funnel> = Object.fromEntries(campaign.variants.map((v) => [v.id, emptyFunnel()]));
  let recent = 0;
  for (const row of rows) {
    add(totals, row);
    add((variants[row.variant] ??= emptyFunnel()), row);
    recent += row.recent;
  }
  const rate = Math.round((recent / (RATE_WINDOW_MS / 1000)) * 100) / 100;
  const pace = campaignRate(ctx, tenant, campaign.rateShare);
  const live = campaign.status === 'running' || campaign.status === 'scheduled';
  return {
    campaign: id,
    status: campaign.status,
    totals,
    variants,
    rate,
    ...(live ? { remainingMs: Math.ceil((totals.pending / pace) * 1000) } : {}),
  };
}
