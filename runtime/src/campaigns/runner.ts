/**
 * The campaign runner (scheduler role, with a database): every ~100 ms, for each running or
 * scheduled campaign, queue the recipients that are due at the campaign's pace — a token bucket
 * at rateShare × the number's rate, capped across processes by the shared rate limiter — start
 * the due occurrences of recurring campaigns, end campaigns past `endsAt` and complete those with
 * nobody pending. It also attributes opt-outs to campaigns and pauses campaigns whose template
 * Meta paused. Any number of processes may run it (the fan-out locks rows with SKIP LOCKED).
 */
import type { Campaign } from '@parley/contract';
import type { Sql } from '../db/sql';
import type { RuntimeContext } from '../platform/context';
import { checkFailureRates, pauseForTemplate } from './auto-pause';
import { campaignRate } from './checklist';
import { fanOutBatch, type FanOutHooks } from './fanout';
import { startOccurrence } from './launch';
import { transition } from './repository';
import { CAMPAIGN_COLUMNS, CampaignError, toCampaign, type CampaignRow } from './rows';
import { nextOccurrence } from './schedule';
import { attributeOptOuts, campaignTracking } from './tracking';

const TICK_MS = 100;
const OPT_OUT_SYNC_MS = 5000;

export interface CampaignRunner {
  /** One pass now (tests drive it by hand). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export interface RunnerOptions {
  tickMs?: number;
  /** Called when items were queued (wake the worker pool). */
  onQueued?: () => void;
  /** Don't loop: the caller calls tick() (tests). */
  manual?: boolean;
  hooks?: FanOutHooks;
}

export function startCampaignRunner(ctx: RuntimeContext, sql: Sql, opts: RunnerOptions = {}): CampaignRunner {
  const tickMs = opts.tickMs ?? TICK_MS;
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastOptOutSync = 0;
  let running = true;

  const tracking = campaignTracking(ctx);
  if (tracking)
    tracking.onFailures = (tenant, campaigns) =>
      void checkFailureRates(ctx, sql, tenant, campaigns).catch((err: Error) =>
        ctx.log.error({ err: err.message, tenant }, 'campaign auto-pause check failed'),
      );
  const unsubscribe = ctx.templates?.onChange((tenant, event) => {
    void pauseForTemplate(ctx, sql, tenant, event).catch((err: Error) =>
      ctx.log.error({ err: err.message, tenant }, 'campaign auto-pause on a template change failed'),
    );
  });

  /** Whole messages this campaign may queue now. */
  const allowance = (campaign: Campaign, now: number): number => {
    const rate = campaignRate(ctx, campaign.tenant, campaign.rateShare);
    const key = `${campaign.tenant}:${campaign.id}`;
    const bucket = buckets.get(key) ?? { tokens: Math.min(rate, 1), at: now };
    bucket.tokens = Math.min(Math.max(rate, 1), bucket.tokens + (rate * (now - bucket.at)) / 1000);
    bucket.at = now;
    buckets.set(key, bucket);
    return Math.floor(bucket.tokens);
  };

  const runOne = async (campaign: Campaign, now: number): Promise<void> => {
    if (campaign.schedule.type === 'recurring' && campaign.parentId === undefined) return runRecurring(campaign, now);
    if (campaign.endsAt !== undefined && now >= campaign.endsAt) {
      await settle(campaign, 'completed', now);
      return;
    }
    const wanted = allowance(campaign, now);
    let queued = 0;
    if (wanted > 0) {
      const rate = campaignRate(ctx, campaign.tenant, campaign.rateShare);
      // The shared limiter keeps several scheduler processes within the campaign's rate together.
      const granted = await ctx.stores.rateLimiter.takeUpTo(`campaign:${campaign.tenant}:${campaign.id}`, Math.ceil(rate), now, wanted);
      queued = await fanOutBatch(ctx, sql, campaign, granted, now, opts.hooks);
      const bucket = buckets.get(`${campaign.tenant}:${campaign.id}`);
      if (bucket) bucket.tokens -= queued;
    }
    if (queued > 0) {
      opts.onQueued?.();
      if (campaign.status === 'scheduled') await settle(campaign, 'running', now);
      return;
    }
    const pending = await sql.query('SELECT 1 FROM campaign_recipients WHERE tenant = $1 AND campaign_id = $2 AND status = $3 LIMIT 1', [
      campaign.tenant,
      campaign.id,
      'pending',
    ]);
    if (pending.rows.length === 0) await settle(campaign, 'completed', now);
  };

  const runRecurring = async (parent: Campaign, now: number): Promise<void> => {
    const { rows } = await sql.query<{ next_run_at: number | null }>('SELECT next_run_at FROM campaigns WHERE tenant = $1 AND id = $2', [
      parent.tenant,
      parent.id,
    ]);
    const due = rows[0]?.next_run_at;
    if (due === null || due === undefined || due > now || parent.schedule.type !== 'recurring') return;
    const occurrence = nextOccurrence(parent.schedule, due - 1);
    if (occurrence) await startOccurrence(ctx, sql, parent, occurrence, now);
    const next = nextOccurrence(parent.schedule, Math.max(now, due));
    if (!next) await settle(parent, 'completed', now);
    else
      await sql.query('UPDATE campaigns SET next_run_at = $3, updated_at = $4 WHERE tenant = $1 AND id = $2', [
        parent.tenant,
        parent.id,
        next.startsAt,
        now,
      ]);
    opts.onQueued?.();
  };

  const settle = async (campaign: Campaign, to: 'running' | 'completed', now: number): Promise<void> => {
    try {
      await transition(sql, campaign.tenant, campaign.id, to, { actor: 'runtime', now, from: ['running', 'scheduled'] });
    } catch (err) {
      if (!(err instanceof CampaignError)) throw err; // another process moved it first
    }
  };

  const tick = async (): Promise<void> => {
    const now = ctx.now();
    const { rows } = await sql.query<CampaignRow>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE status IN ('running', 'scheduled') ORDER BY started_at LIMIT 200`,
    );
    for (const row of rows) {
      try {
        await runOne(toCampaign(row), now);
      } catch (err) {
        ctx.log.error({ err: (err as Error).message, tenant: row.tenant, campaign: row.id }, 'campaign fan-out failed; retrying');
      }
    }
    if (now - lastOptOutSync >= OPT_OUT_SYNC_MS) {
      const since = lastOptOutSync === 0 ? now - 90 * 86_400_000 : lastOptOutSync - 60_000;
      lastOptOutSync = now;
      for (const tenant of new Set(rows.map((r) => r.tenant))) await attributeOptOuts(sql, tenant, since);
    }
  };

  const loop = opts.manual
    ? Promise.resolve()
    : (async () => {
        while (running) {
          const started = Date.now();
          try {
            await tick();
          } catch (err) {
            ctx.log.error({ err: (err as Error).message }, 'campaign runner tick failed; retrying');
          }
          const wait = Math.max(10, tickMs - (Date.now() - started));
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      })();

  return {
    tick,
    async stop() {
      running = false;
      unsubscribe?.();
      await loop;
      await tracking?.flush();
    },
  };
}
