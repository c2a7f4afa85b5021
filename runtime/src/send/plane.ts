/** The sender role: a pool of concurrent conversation senders sharing one claimer. */
import type { RuntimeContext } from '../platform/context';
import { WorkPool } from '../platform/pool';
import type { SendClaim } from '../stores';
import { BATCH_PER_CLAIM, sendClaimed } from './sender';

/** A sender that dies mid-conversation loses its claim after this long; another sender resumes. */
const SEND_LEASE_MS = 30_000;

export function createSendPlane(ctx: RuntimeContext, opts: { concurrency?: number } = {}): WorkPool<SendClaim> {
  return new WorkPool({
    name: 'sender',
    concurrency: opts.concurrency ?? 64,
    claim: () => ctx.stores.outbox.claim(ctx.now(), SEND_LEASE_MS, BATCH_PER_CLAIM),
    handle: (claim) => sendClaimed(ctx, claim),
    log: ctx.log,
  });
}
