/**
 * What processing one inbox item yields: the commit (written atomically by the worker), the
 * HTTP/LLM requests to run after it, and the events announced to the post-commit subscribers.
 */
import type { RuntimeContext } from '../platform/context';
import type { Commit } from '../conversation';
import type { Job } from './effects';
import type { PostCommitEvent } from './post-commit';

export interface ProcessOutcome {
  commit: Commit;
  /** HTTP/LLM requests, run by the worker once the commit is in. */
  jobs: Job[];
  /** What happened, in order: the agent desk and the simulator subscribe (see post-commit.ts). */
  events: PostCommitEvent[];
}

type TtlSource = Pick<RuntimeContext, 'config'>;

/** Pops the item and changes nothing else. */
export function emptyCommit(ctx: TtlSource): Commit {
  return { popInbox: true, outbound: [], timersSet: [], timersCancel: [], counters: [], sessionTtlSec: ctx.config.sessions.ttlSeconds };
}

/** The item is consumed with no effect (besides the events, if any). */
export function emptyOutcome(ctx: TtlSource, events: PostCommitEvent[] = []): ProcessOutcome {
  return { commit: emptyCommit(ctx), jobs: [], events };
}

/** A commit that starts no request. */
export function commitOnly(commit: Commit, events: PostCommitEvent[] = []): ProcessOutcome {
  return { commit, jobs: [], events };
}

/** Thrown to put an item back for a moment without counting it as a failure. */
export class RetryLater extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'RetryLater';
  }
}
