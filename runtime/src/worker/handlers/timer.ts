/**
 * A timer fired: a wait's or an ask's timeout steps the engine; a request's deadline
 * (`job:<requestId>`) means its worker died with it — run it again, or give the flow a failure.
 */
import type { StoredSession } from '../../conversation';
import { MAX_JOB_RUNS, isJobTimer, jobBudgetMs, lostJobFailure, requestIdOf } from '../job-recovery';
import { emptyCommit, emptyOutcome, type ProcessOutcome } from '../outcome';
import { runStep } from '../run-step';
import type { ItemContext, ItemOf } from './context';

type TimerItem = ItemOf<'timer'>;

export async function handleTimer(item: TimerItem, cx: ItemContext): Promise<ProcessOutcome> {
  if (isJobTimer(item.timerId)) return jobDeadline(item, cx);
  const { env, session, current } = cx;
  // While a person has the conversation the bot's timers do not interrupt them.
  if (!session || !current || session.desk) return emptyOutcome(env.ctx);
  const event = { type: 'timer.fired' as const, timerId: item.timerId, sprint: item.sprint, now: env.ctx.now() };
  return runStep(env, cx.conv, session, current, event, { lane: session.lane ?? 0 });
}

/** A request's deadline passed without a result: its worker died. Run it again, or give the flow a failure. */
async function jobDeadline(item: TimerItem, cx: ItemContext): Promise<ProcessOutcome> {
  const { env, conv, session, current } = cx;
  const { ctx } = env;
  const entry = session?.jobs?.[requestIdOf(item.timerId)];
  if (!session || !current || !entry || entry.run !== item.sprint) return emptyOutcome(ctx);
  const { job } = entry;
  if (entry.run >= MAX_JOB_RUNS) {
    ctx.log.error(
      { conv, nodeId: job.nodeId, requestId: job.requestId, runs: entry.run },
      'request lost with its worker too often: the flow takes its failure exit',
    );
    return runStep(env, conv, session, current, lostJobFailure(job), { lane: session.lane ?? 0 });
  }
  const run = entry.run + 1;
  ctx.log.warn(
    { conv, nodeId: job.nodeId, requestId: job.requestId, run },
    'no result before the deadline (its worker died?): running the request again',
  );
  const stored: StoredSession = { ...session, jobs: { ...session.jobs, [job.requestId]: { job, run } } };
  const deadline = { timerId: item.timerId, sprint: run, dueAt: ctx.now() + jobBudgetMs(job, ctx.config) };
  return { commit: { ...emptyCommit(ctx), session: stored, timersSet: [deadline] }, jobs: [job], events: [] };
}
