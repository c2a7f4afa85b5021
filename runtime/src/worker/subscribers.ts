/**
 * The post-commit subscribers the worker is composed with: contact sync (with a database), the
 * agent desk's helpdesk webhook and the simulator's event stream.
 */
import { campaignSubscriber } from '../campaigns/subscriber';
import { consentSubscriber } from '../consent/meta-errors';
import { createContactSync } from '../contacts/sync';
import type { RuntimeContext } from '../platform/context';
import { createActivityRecorder } from '../segments/activity';
import type { SimulatorEvent } from '../simulator/hub';
import { isPreview, previewSession } from '../simulator/preview';
import { notifyDesk } from './desk';
import { isDeskEvent, type PostCommitEvent, type PostCommitSubscriber } from './post-commit';

/** Tells the helpdesk; a preview asks no agent (it shows a `handoff` event instead). */
export function deskSubscriber(ctx: RuntimeContext): PostCommitSubscriber {
  return (event) => {
    if (isDeskEvent(event) && !isPreview(event.conversation)) void notifyDesk(ctx, event);
  };
}

/** Shows a preview conversation's steps in its simulator session. */
export function simulatorSubscriber(ctx: RuntimeContext): PostCommitSubscriber {
  return (event) => {
    if (!isPreview(event.conversation)) return;
    for (const shown of simulatorEvents(event)) ctx.simulator.publish(previewSession(event.conversation), shown);
  };
}

export function defaultSubscribers(ctx: RuntimeContext): PostCommitSubscriber[] {
  return [...(ctx.db ? recordSubscribers(ctx, ctx.db) : []), simulatorSubscriber(ctx), deskSubscriber(ctx)];
}

/** The batched record writers' flushes, per context: a graceful stop writes what they still hold. */
const pendingWriters = new WeakMap<RuntimeContext, Array<() => Promise<void>>>();

/** Writes what the contact sync and the activity recorder still hold (contacts first). Never throws. */
export async function flushRecordWriters(ctx: RuntimeContext): Promise<void> {
  for (const flush of pendingWriters.get(ctx) ?? []) {
    await flush().catch((err: unknown) => ctx.log.error({ err }, 'pending contact records could not be written at stop'));
  }
}

/** Business records: contacts first (activity rows name contacts the sync may not have written yet). */
function recordSubscribers(ctx: RuntimeContext, db: NonNullable<RuntimeContext['db']>): PostCommitSubscriber[] {
  const sync = createContactSync(ctx, db);
  const activity = createActivityRecorder(ctx, db, { before: () => sync.seen.flush() });
  pendingWriters.set(ctx, [...(pendingWriters.get(ctx) ?? []), () => sync.flush(), () => activity.flush()]);
  return [sync.subscriber, activity.subscriber, campaignSubscriber(ctx), consentSubscriber(ctx, db)];
}

/** What the simulator shows of an event: a step's errors, handoffs and resulting state. */
export function simulatorEvents(event: PostCommitEvent): SimulatorEvent[] {
  switch (event.type) {
    case 'engine.stepped': {
      const { snapshot } = event;
      return [
        ...event.errors.map((e) => ({ type: 'error' as const, message: `${e.nodeId ? `${e.nodeId}: ` : ''}${e.message}` })),
        ...event.refusals.map((r) => ({
          type: 'error' as const,
          message: `${r.nodeId}: template ${r.name} (${r.language}) not sent (${r.reason}): ${r.detail}`,
        })),
        ...event.handoffs.map((h) => ({
          type: 'handoff' as const,
          nodeId: h.nodeId,
          ...(h.queue ? { queue: h.queue } : {}),
          ...(h.reason ? { reason: h.reason } : {}),
        })),
        {
          type: 'state',
          status: snapshot.status,
          variables: snapshot.variables,
          visited: event.visited,
          outbound: event.outbound,
          ...(snapshot.waitingAt ? { waitingAt: snapshot.waitingAt } : {}),
          ...(event.understanding ? { understanding: event.understanding } : {}),
        },
      ];
    }
    case 'session.held': {
      const { session } = event;
      return [
        {
          type: 'state',
          status: session.desk ? 'handoff' : session.snapshot.status,
          variables: session.snapshot.variables,
          visited: [],
          outbound: 0,
        },
      ];
    }
    case 'control.refused':
      return [{ type: 'error', message: event.reason }];
    case 'item.set-aside':
      return [{ type: 'error', message: `this input could not be handled (failed ${event.failures} times): ${event.reason}` }];
    default:
      return [];
  }
}
