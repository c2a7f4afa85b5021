/**
 * HTTP and LLM requests run after the commit, in the worker's memory: a worker that dies
 * takes its requests with it. So each request is also kept in the session with a persisted
 * deadline timer; if no result has arrived by then, the request is run again (its result is
 * deduped by request id, so a late first answer and a second one cannot both count), and after
 * MAX_JOB_RUNS the flow gets a failure and takes its error exit. Pure: the worker commits.
 */
import type { EngineEvent } from '@parley/flow';
import type { ParleyConfig } from '../config/types';
import type { Commit, StoredSession } from '../conversation';
import type { Job } from './effects';

/** The original run plus two more. */
export const MAX_JOB_RUNS = 3;
/** Slack beyond a request's own time budget before it counts as lost. */
const GRACE_MS = 5000;
const PREFIX = 'job:';

export const jobTimerId = (requestId: string): string => `${PREFIX}${requestId}`;
export const isJobTimer = (timerId: string): boolean => timerId.startsWith(PREFIX);
export const requestIdOf = (timerId: string): string => timerId.slice(PREFIX.length);

/** The longest a live worker can take for the request: every attempt's timeout plus the back-off between them. */
export function jobBudgetMs(job: Job, config: Pick<ParleyConfig, 'llm'>): number {
  if (job.type === 'llm') return (config.llm?.timeoutMs ?? 10_000) + GRACE_MS;
  const attempts = Math.min(job.request.retries, 5) + 1;
  let backoff = 0;
  for (let a = 1; a < attempts; a++) backoff += 200 * 2 ** (a - 1);
  return job.request.timeoutMs * attempts + backoff + GRACE_MS;
}

/** The request a result event settles, if it is one. */
function settledRequestId(event: EngineEvent): string | undefined {
  switch (event.type) {
    case 'http.done':
    case 'http.failed':
    case 'llm.done':
    case 'llm.failed':
      return event.requestId;
    default:
      return undefined;
  }
}

export function lostJobFailure(job: Job): EngineEvent {
  const error = `the request was lost with its worker ${MAX_JOB_RUNS} times; giving up`;
  return job.type === 'http'
    ? { type: 'http.failed', requestId: job.requestId, error }
    : { type: 'llm.failed', requestId: job.requestId, error };
}

/** The requests in flight after this step (a result settles one; new ones get a deadline timer). */
export function trackJobs(
  session: Pick<StoredSession, 'jobs'>,
  event: EngineEvent,
  plan: { jobs: Job[]; timersSet: Commit['timersSet']; timersCancel: string[] },
  now: number,
  config: Pick<ParleyConfig, 'llm'>,
): NonNullable<StoredSession['jobs']> {
  const jobs = { ...(session.jobs ?? {}) };
  const settled = settledRequestId(event);
  if (settled && jobs[settled]) {
    delete jobs[settled];
    plan.timersCancel.push(jobTimerId(settled));
  }
  for (const job of plan.jobs) {
    jobs[job.requestId] = { job, run: 1 };
    plan.timersSet.push({ timerId: jobTimerId(job.requestId), sprint: 1, dueAt: now + jobBudgetMs(job, config) });
  }
  return jobs;
}
