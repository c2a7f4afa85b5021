/**
 * Launch: the checklist must pass, then — in one transaction — the audience is frozen (now / at
 * a time) and the campaign becomes running (or scheduled, when its first send is in the future).
 * A recurring campaign only becomes scheduled: each occurrence is a child campaign with its own
 * audience, created by the runner when it is due (`startOccurrence`).
 */
import type { Campaign } from '@parley/contract';
import type { Sql } from '../db/sql';
import type { RuntimeContext } from '../platform/context';
import { audienceFilter, freezeAudience } from './audience';
import { checklist, marketingOf } from './checklist';
import { createDraft, lockCampaign, requireCampaign, transition } from './repository';
import { CampaignError } from './rows';
import { nextOccurrence, parseWall, type Occurrence } from './schedule';
import { forgetGoals } from './subscriber';

type LaunchContext = Pick<RuntimeContext, 'flows' | 'templates' | 'routes' | 'config' | 'tenants'>;

export async function launchCampaign(
  ctx: LaunchContext,
  sql: Sql,
  tenant: string,
  id: string,
  actor: string,
  now: number,
): Promise<Campaign> {
  const campaign = await requireCampaign(sql, tenant, id);
  const checks = await checklist(ctx, sql, campaign, now);
  if (!checks.canLaunch)
    throw new CampaignError(
      'launch_refused',
      `campaign "${id}" cannot be launched: ${checks.items
        .filter((i) => i.level === 'error')
        .map((i) => i.message)
        .join('; ')}`,
      { items: checks.items },
    );
  const schedule = campaign.schedule;
  if (schedule.type === 'recurring') {
    const first = nextOccurrence(schedule, now);
    if (!first) throw new CampaignError('launch_refused', `campaign "${id}" has no occurrence left (until ${schedule.until ?? '?'})`);
    return transition(sql, tenant, id, 'scheduled', { actor, now, from: ['draft'], set: { startedAt: now, nextRunAt: first.startsAt } });
  }
  const requireOptIn = marketingOf(
    ctx,
    ctx.tenants.find((t) => t.id === tenant),
  ).requireOptIn;
  const launched = await sql.transaction(async (tx) => {
    const locked = await lockCampaign(tx, tenant, id);
    if (locked.status !== 'draft')
      throw new CampaignError('bad_transition', `campaign "${id}" is ${locked.status}: it was launched already`);
    const filter = await audienceFilter(tx, tenant, locked);
    const wall = schedule.type === 'at' ? (parseWall(schedule.at) ?? undefined) : undefined;
    const frozen = await freezeAudience(tx, {
      tenant,
      campaign: locked,
      filter,
      now,
      requireOptIn,
      ...(wall !== undefined ? { wall } : {}),
    });
    const first = await firstDue(tx, tenant, id);
    const to = first !== null && first > now ? 'scheduled' : 'running';
    return transition(tx, tenant, id, to, {
      actor,
      now,
      from: ['draft'],
      set: { startedAt: now, audienceSize: frozen.audience, filter, nextRunAt: first },
    });
  });
  if (launched.goal?.node !== undefined) forgetGoals(sql);
  return launched;
}

async function firstDue(sql: Sql, tenant: string, id: string): Promise<number | null> {
  const { rows } = await sql.query<{ due: number | null }>(
    `SELECT min(due_at) AS due FROM campaign_recipients WHERE tenant = $1 AND campaign_id = $2 AND status = 'pending'`,
    [tenant, id],
  );
  return rows[0]?.due ?? null;
}

/** The child campaign of a recurring one for `occurrence`: `<parent>-<YYYYMMDD>`, its own audience, running. */
export async function startOccurrence(
  ctx: Pick<RuntimeContext, 'config' | 'tenants'>,
  sql: Sql,
  parent: Campaign,
  occurrence: Occurrence,
  now: number,
): Promise<Campaign | null> {
  const childId = `${parent.id}-${occurrence.label}`;
  const requireOptIn = marketingOf(
    ctx,
    ctx.tenants.find((t) => t.id === parent.tenant),
  ).requireOptIn;
  if (parent.goal?.node !== undefined) forgetGoals(sql);
  return sql.transaction(async (tx) => {
    const exists = await tx.query('SELECT 1 FROM campaigns WHERE tenant = $1 AND id = $2', [parent.tenant, childId]);
    if (exists.rows.length > 0) return null;
    const filter = await audienceFilter(tx, parent.tenant, parent);
    await createDraft(
      tx,
      parent.tenant,
      {
        id: childId,
        name: `${parent.name} (${occurrence.label.slice(0, 4)}-${occurrence.label.slice(4, 6)}-${occurrence.label.slice(6)})`,
        filter,
        schedule: parent.schedule,
        rateShare: parent.rateShare,
        variants: parent.variants,
        ...(parent.goal ? { goal: parent.goal } : {}),
        ...(parent.endsAt !== undefined ? { endsAt: parent.endsAt } : {}),
      },
      'runtime',
      now,
    );
    await tx.query('UPDATE campaigns SET parent_id = $3 WHERE tenant = $1 AND id = $2', [parent.tenant, childId, parent.id]);
    const frozen = await freezeAudience(tx, {
      tenant: parent.tenant,
      campaign: { id: childId, variants: parent.variants, schedule: parent.schedule },
      filter,
      now,
      requireOptIn,
      wall: occurrence.wall,
    });
    return transition(tx, parent.tenant, childId, 'running', {
      actor: 'runtime',
      now,
      from: ['draft'],
      set: { startedAt: now, audienceSize: frozen.audience },
    });
  });
}
