/**
 * The worker role: claims one conversation at a time (lease, renewed while working), drains
 * its inbox in order and commits each item atomically. A crash before a commit leaves the
 * item in the inbox (reprocessed once the lease expires); after it, nothing is lost and the
 * idempotency keys stop double sends.
 */
import type { RuntimeContext } from '../platform/context';
import { ItemFailures, errorReason } from '../platform/item-failures';
import { WorkPool } from '../platform/pool';
import { isPreview } from '../simulator/preview';
import type { Commit, InboxItem } from '../conversation';
import type { NextWork, WorkClaim } from '../stores';
import { runJob } from './jobs';
import { emptyCommit, RetryLater, type ProcessOutcome } from './outcome';
import type { PostCommitSubscriber } from './post-commit';
import { createItemProcessor } from './process';
import { defaultSubscribers } from './subscribers';
import { Understanders } from './understanding';

const WORK_LEASE_MS = 15_000;
/** Items per claim before the conversation goes back in line (fairness). */
const ITEMS_PER_CLAIM = 50;
/** First retry of a failing item; doubles per failure (an item fails `reliability.maxItemFailures` times, then is dead-lettered). */
const RETRY_DELAY_MS = 1000;

export interface Worker {
  pool: WorkPool<WorkClaim>;
  /** Resolves when background jobs (http/llm) in flight are done. */
  drainJobs(): Promise<void>;
  /** Called after each commit that queued outbound messages (to wake a local sender). */
  onOutbound?: () => void;
}

function itemId(item: InboxItem): string {
  switch (item.kind) {
    case 'message':
      return `m:${item.id}`;
    case 'timer':
      return `t:${item.timerId}:${item.sprint}`;
    case 'status':
      return `s:${item.messageId}:${item.status}`;
    default:
      return `${item.kind}:${item.receivedAt}`;
  }
}

/** Pops the poison item and nothing else; counted under runtime.poison. */
function poisonCommit(ctx: RuntimeContext): Commit {
  return { ...emptyCommit(ctx), counters: [{ key: 'runtime', field: 'poison', by: 1 }] };
}

export interface WorkerOptions {
  concurrency?: number;
  leaseMs?: number;
  models?: Map<string, string>;
  /** Told each processed item's events after its commit (default: the agent desk and the simulator). */
  subscribers?: PostCommitSubscriber[];
}

export function createWorker(ctx: RuntimeContext, opts: WorkerOptions = {}): Worker {
  const leaseMs = opts.leaseMs ?? WORK_LEASE_MS;
  const processItem = createItemProcessor(ctx, new Understanders(ctx, opts.models));
  const subscribers = opts.subscribers ?? defaultSubscribers(ctx);
  const failures = new ItemFailures();
  const jobs = new Set<Promise<void>>();

  async function handle(claim: WorkClaim): Promise<void> {
    let lost = false;
    let released = false;
    const renew = setInterval(
      () => {
        ctx.stores.inbox.renew(claim, ctx.now(), leaseMs).then(
          (ok) => {
            if (!ok) lost = true;
          },
          () => {},
        );
      },
      Math.floor(leaseMs / 3),
    );
    let delay = 0;
    // The claim (and then each commit) read the next item and state in the same round trip.
    let next: NextWork | undefined = claim.prefetched;
    try {
      for (let i = 0; i < ITEMS_PER_CLAIM && !lost; i++) {
        const item = next ? next.item : await ctx.stores.inbox.peek(claim.conv);
        if (!item) break;
        const started = performance.now();
        const failureKey = `${claim.conv}|${itemId(item)}`;
        let outcome: ProcessOutcome;
        let res;
        const more = i + 1 < ITEMS_PER_CLAIM;
        try {
          const state = next ? next.state : await ctx.stores.conversations.load(claim.conv);
          next = undefined;
          outcome = await processItem(claim.conv, item, state);
          // A commit the store refuses for this item (e.g. a script error on its content) counts as a failure of the item too.
          res = await ctx.stores.conversations.commitAndContinue(claim, outcome.commit, ctx.now(), { next: more, releaseWhenEmpty: more });
        } catch (err) {
          if (err instanceof RetryLater) {
            delay = err.delayMs;
            break;
          }
          // A store outage is not the item's fault: retry without counting it towards "poison".
          const storeUp = await ctx.stores.ping().catch(() => false);
          const n = storeUp ? failures.add(failureKey) : 0;
          const max = ctx.config.reliability.maxItemFailures;
          ctx.log.error({ err, conv: claim.conv, item: item.kind, failures: n, maxFailures: max }, 'processing an inbox item failed');
          if (n < max) {
            delay = RETRY_DELAY_MS * 2 ** Math.max(0, n - 1);
            break;
          }
          // Set aside so the items behind it proceed, in order; an operator can replay it from /api/dead-letters.
          // A preview's failure is shown in the preview instead: dead letters are production's.
          const reason = errorReason(err);
          if (!isPreview(claim.conv))
            await ctx.stores.deadLetters.add({
              queue: 'inbox',
              conv: claim.conv,
              item,
              reason: `failed ${n} times: ${reason}`,
              at: ctx.now(),
            });
          ctx.log.error({ conv: claim.conv, item: item.kind, failures: n }, 'inbox item dead-lettered after repeated failures');
          outcome = {
            commit: poisonCommit(ctx),
            jobs: [],
            events: [{ type: 'item.set-aside', conversation: claim.conv, failures: n, reason }],
          };
          res = await ctx.stores.conversations.commitAndContinue(claim, outcome.commit, ctx.now(), { next: more, releaseWhenEmpty: more });
        }
        if (res.status === 'lost-lease') {
          lost = true;
          ctx.log.warn({ conv: claim.conv }, 'lease lost before commit: another worker owns the conversation');
          break;
        }
        released = res.released === true;
        next = res.next;
        failures.clear(failureKey);
        if (!isPreview(claim.conv)) ctx.metrics.processingLatency.observe({ kind: item.kind }, performance.now() - started);
        if (outcome.commit.outbound.length > 0) worker.onOutbound?.();
        for (const event of outcome.events) for (const subscriber of subscribers) subscriber(event);
        for (const job of outcome.jobs) {
          const p = runJob(ctx, claim.conv, job)
            .catch((err: unknown) => ctx.log.error({ err, conv: claim.conv }, 'engine job failed'))
            .finally(() => jobs.delete(p));
          jobs.add(p);
        }
        if (released) break;
      }
    } finally {
      clearInterval(renew);
      if (!lost && !released) await ctx.stores.inbox.release(claim, ctx.now(), delay);
    }
  }

  const worker: Worker = {
    pool: new WorkPool<WorkClaim>({
      name: 'worker',
      concurrency: opts.concurrency ?? 16,
      claim: () => ctx.stores.inbox.claim(ctx.now(), leaseMs),
      handle,
      log: ctx.log,
    }),
    drainJobs: async () => {
      await Promise.allSettled([...jobs]);
    },
  };
  return worker;
}
