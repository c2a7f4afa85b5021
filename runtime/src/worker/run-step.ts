/**
 * The one engine step every handler shares: run the pure engine on the session's pinned flow,
 * plan its effects (sends, timers, counters, requests) and turn them into the commit, the
 * session to store and the post-commit events. Performs no writes.
 */
import { step } from '@parley/flow';
import type { EngineEvent, EngineSnapshot, TimerKind } from '@parley/flow';
import type { Understanding } from '@parley/nlu';
import type { RuntimeContext } from '../platform/context';
import { isPreview } from '../simulator/preview';
import type { Commit, ConversationId, Lane, StoredSession } from '../conversation';
import { openDeskForHandoff } from './desk';
import { planEffects } from './effects';
import { jobTimerId, trackJobs } from './job-recovery';
import { emptyCommit, type ProcessOutcome } from './outcome';
import type { PostCommitEvent } from './post-commit';
import type { SessionFlow, SubflowLoader } from './session-flow';
import { templateGateFor } from './template-gate';

/** What a step needs besides its input. */
export interface StepEnv {
  readonly ctx: RuntimeContext;
  readonly subflows: SubflowLoader;
}

/** What a step continues: a running session, or the seed of a new one (no snapshot yet). */
export type StepSession = Omit<StoredSession, 'snapshot' | 'publishedVersion'> & { snapshot: EngineSnapshot | null };

export interface StepOptions {
  /** Lane of the sends this step queues. */
  lane: Lane;
  /** When the input that caused the step arrived (send latency is measured from it). */
  causedAt?: number;
  /** Shown in the simulator with the step's state. */
  understanding?: Understanding;
}

const FINISHED = new Set(['ended', 'expired', 'errored']);

/** An ended, expired or errored session takes no more steps (a new message starts a new one). */
export function isFinished(session: StoredSession): boolean {
  return FINISHED.has(session.snapshot.status);
}

export async function runStep(
  env: StepEnv,
  conv: ConversationId,
  session: StepSession,
  current: SessionFlow,
  event: EngineEvent,
  opts: StepOptions,
): Promise<ProcessOutcome> {
  const { ctx } = env;
  const now = ctx.now();
  const subflows = await env.subflows.resolver(current.flow, session.subflows);
  const templates = await templateGateFor(ctx, conv, current);
  const result = step(current.flow, session.snapshot, event, { now, resolveFlow: subflows.resolve, ...(templates ? { templates } : {}) });
  const { snapshot } = result;
  const plan = planEffects({
    effects: result.effects,
    flowId: current.flowId,
    sessionKey: String(session.startedAt),
    lane: opts.lane,
    now,
    ...(opts.causedAt !== undefined ? { causedAt: opts.causedAt } : {}),
    ...(session.campaign ? { campaign: session.campaign.id } : {}),
  });
  // A campaign's session: what it sends on its own (not answering the person) is the campaign's message.
  if (session.campaign && opts.lane !== 0) for (const item of plan.outbound) item.campaign = session.campaign;
  const timerKinds: Record<string, TimerKind> = { ...(session.timerKinds ?? {}) };
  for (const id of plan.timersCancel) delete timerKinds[id];
  Object.assign(timerKinds, plan.timerKinds);
  const finished = FINISHED.has(snapshot.status);
  const jobs = trackJobs(session, event, plan, now, ctx.config);
  if (finished)
    for (const id of [...Object.keys(timerKinds), ...Object.keys(jobs).map(jobTimerId)])
      if (!plan.timersCancel.includes(id)) plan.timersCancel.push(id);
  for (const e of plan.errors) ctx.log.warn({ conv, flow: current.flowId, code: e.code, nodeId: e.nodeId }, `engine error: ${e.message}`);
  for (const h of plan.handoffs) ctx.log.info({ conv, nodeId: h.nodeId, queue: h.queue }, 'conversation handed off to an agent');
  for (const r of plan.refusals) {
    // A preview's refusal shows in the simulator (subscribers.ts); production counts it.
    if (!isPreview(conv)) ctx.metrics.templateRefused.inc({ reason: r.reason });
    ctx.log.warn(
      { conv, flow: current.flowId, nodeId: r.nodeId, template: r.name, language: r.language, reason: r.reason, detail: r.detail },
      `template ${r.name} (${r.language}) not sent: ${r.reason}; the node took its failure path`,
    );
  }
  const { jobs: _before, deferred, ...rest } = session;
  const pins = { ...session.subflows, ...subflows.used };
  const waiting = Object.keys(jobs).length > 0 && !finished;
  const running: StoredSession = {
    ...rest,
    snapshot,
    publishedVersion: current.version,
    timerKinds,
    lane: session.lane ?? 0,
    ...(waiting ? { jobs } : {}),
    ...(Object.keys(pins).length > 0 ? { subflows: pins } : {}),
    ...(waiting && deferred ? { deferred } : {}),
  };
  // The answer is in: the messages kept meanwhile go back to the head of the inbox, in order.
  const requeue = !waiting && deferred && deferred.length > 0 ? deferred : undefined;
  const events: PostCommitEvent[] = [];
  let desk: Commit['desk'];
  const handoff = plan.handoffs[0];
  if (handoff && !finished && snapshot.status === 'handoff' && !running.desk) {
    const opened = openDeskForHandoff(conv, now, handoff, event, plan.outbound, snapshot.variables);
    running.desk = opened.state;
    desk = opened.commit;
    events.push(opened.event);
  }
  if (finished && session.desk) desk = { close: true };
  // A finished session is deleted — except in the simulator, where it is kept (without timers)
  // so that "restart" still knows which flow, or which unsaved draft, to start again.
  const stored: StoredSession | null = !finished ? running : isPreview(conv) ? { ...running, timerKinds: {} } : null;
  const commit: Commit = {
    ...emptyCommit(ctx),
    session: stored,
    outbound: plan.outbound,
    timersSet: finished ? [] : plan.timersSet,
    timersCancel: plan.timersCancel,
    counters: plan.counters,
    ...(desk ? { desk } : {}),
    ...(requeue ? { requeue } : {}),
  };
  const stepped: PostCommitEvent = {
    type: 'engine.stepped',
    conversation: conv,
    snapshot,
    errors: plan.errors,
    handoffs: plan.handoffs,
    refusals: plan.refusals,
    visited: plan.visited,
    outbound: commit.outbound.length,
    ...(opts.understanding ? { understanding: opts.understanding } : {}),
    ...(plan.contactUpdates.length > 0 ? { contactUpdates: plan.contactUpdates } : {}),
    ...(event.type === 'start' ? { started: true } : {}),
    ...(session.campaign ? { campaign: session.campaign } : {}),
  };
  return { commit, jobs: finished ? [] : plan.jobs, events: [stepped, ...events] };
}
