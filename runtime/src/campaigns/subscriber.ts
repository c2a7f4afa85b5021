/**
 * The worker's post-commit subscriber for campaign results: delivery statuses of campaign
 * messages, the person's next message (replied; a button or list pick also counts as a click),
 * and goal nodes reached (conversions). Only pushes to the batched tracker: never waits on PostgreSQL.
 */
import type { ConversationId } from '../conversation';
import type { Sql } from '../db/sql';
import type { RuntimeContext } from '../platform/context';
import type { PostCommitEvent, PostCommitSubscriber } from '../worker/post-commit';
import { campaignTracking, noteStatus } from './tracking';

/** How often the set of goal nodes is re-read (a new campaign's goal counts within this). */
const GOALS_REFRESH_MS = 30_000;
/** Campaigns finished longer ago than the longest goal window no longer convert. */
const GOAL_HORIZON_MS = 90 * 86_400_000;

/** flow id → goal node ids of campaigns that can still convert. */
class GoalNodes {
  private goals = new Map<string, Set<string>>();
  private readAt = -Infinity;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly ctx: Pick<RuntimeContext, 'now' | 'log'>,
  ) {}

  /** The known goals now; a stale set is refreshed in the background. */
  current(): Map<string, Set<string>> {
    if (this.ctx.now() - this.readAt > GOALS_REFRESH_MS && !this.reading) {
      this.reading = this.read().finally(() => (this.reading = null));
    }
    return this.goals;
  }

  /** A campaign was launched here: the next look re-reads (other processes see it within GOALS_REFRESH_MS). */
  invalidate(): void {
    this.readAt = -Infinity;
  }

  /** For tests: read now. */
  async refresh(): Promise<void> {
    await this.read();
  }

  private async read(): Promise<void> {
    try {
      const { rows } = await this.sql.query<{ flow: string; node: string }>(
        `SELECT DISTINCT goal->>'flow' AS flow, goal->>'node' AS node FROM campaigns
         WHERE goal ? 'node' AND goal ? 'flow' AND status <> 'draft' AND (finished_at IS NULL OR finished_at > $1)`,
        [this.ctx.now() - GOAL_HORIZON_MS],
      );
      const goals = new Map<string, Set<string>>();
      for (const r of rows) (goals.get(r.flow) ?? goals.set(r.flow, new Set()).get(r.flow)!).add(r.node);
      this.goals = goals;
      this.readAt = this.ctx.now();
    } catch (err) {
      this.ctx.log.warn({ err: (err as Error).message }, 'campaign goals could not be read');
      this.readAt = this.ctx.now();
    }
  }
}

const goalsBySql = new WeakMap<Sql, GoalNodes>();

function goalNodes(ctx: Pick<RuntimeContext, 'db' | 'now' | 'log'>): GoalNodes | null {
  if (!ctx.db) return null;
  let goals = goalsBySql.get(ctx.db);
  if (!goals) goalsBySql.set(ctx.db, (goals = new GoalNodes(ctx.db, ctx)));
  return goals;
}

/** After a launch in this process: its goal node counts from the next step, not after the refresh interval. */
export function forgetGoals(sql: Sql): void {
  goalsBySql.get(sql)?.invalidate();
}

export function campaignSubscriber(ctx: RuntimeContext): PostCommitSubscriber {
  return (event: PostCommitEvent) => {
    try {
      onEvent(ctx, event);
    } catch (err) {
      ctx.log.error({ err: (err as Error).message, event: event.type }, 'campaign results subscriber failed');
    }
  };
}

function onEvent(ctx: RuntimeContext, event: PostCommitEvent): void {
  const tracker = campaignTracking(ctx);
  if (!tracker) return;
  switch (event.type) {
    case 'message.status':
      if (event.state.campaign) noteStatus(ctx, event.conversation, event.state.campaign, event.status, event.errorCodes, event.at);
      return;
    case 'message.received': {
      const { kind } = event.message;
      if (kind === 'reaction' || kind === 'unsupported') return;
      tracker.inboundMessage(event.conversation, event.at, kind === 'button' || kind === 'list');
      return;
    }
    case 'engine.stepped': {
      if (event.visited.length === 0) return;
      const goals = goalNodes(ctx)?.current();
      if (!goals || goals.size === 0) return;
      const flows = [...new Set(event.snapshot.frames.map((f) => f.flowId))];
      for (const flow of flows) {
        const nodes = goals.get(flow);
        if (!nodes) continue;
        for (const node of event.visited)
          if (nodes.has(node)) tracker.conversion(event.conversation as ConversationId, { flow: flows, node }, ctx.now());
      }
      return;
    }
    default:
      return;
  }
}
