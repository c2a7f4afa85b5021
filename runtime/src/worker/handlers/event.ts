/** A business event (POST /api/events): starts the flow it triggers, replacing the running session. */
import { emptyOutcome, type ProcessOutcome } from '../outcome';
import { engineContact, startSession } from '../start-session';
import { flowsForEvent } from '../triggers';
import type { ItemContext, ItemOf } from './context';

export async function handleEvent(item: ItemOf<'event'>, cx: ItemContext): Promise<ProcessOutcome> {
  const { env, conv } = cx;
  const [chosen] = await flowsForEvent(env.ctx, cx.tenant, item.name, item.flowId);
  if (!chosen) {
    env.ctx.log.warn({ conv, event: item.name }, 'event dropped: no flow is triggered by it');
    return emptyOutcome(env.ctx);
  }
  chosen.trigger.params = item.params;
  return startSession(env, conv, {
    chosen,
    contact: engineContact(cx.contactId, item.contact),
    channel: cx.channel,
    lane: item.lane ?? 1,
    causedAt: item.receivedAt,
    ...(cx.state.session ? { previous: cx.state.session } : {}),
  });
}
