/** Delivery statuses: update the message's state; a late 131047 re-sends the node's template. */
import { classifyStatusErrors, parsePartKey } from '@parley/channels';
import { MESSAGE_STATE_TTL_SEC } from '../../platform/context';
import { laneFor } from '../effects';
import type { PostCommitEvent } from '../post-commit';
import { commitOnly, emptyCommit, RetryLater, type ProcessOutcome } from '../outcome';
import type { ItemContext, ItemOf } from './context';

/** A status can overtake the sender's record of the message it is about: wait this long for it. */
const STATUS_GRACE_MS = 10_000;

export async function handleStatus(item: ItemOf<'status'>, cx: ItemContext): Promise<ProcessOutcome> {
  const { ctx } = cx.env;
  const { conv } = cx;
  const commit = emptyCommit(ctx);
  const state = await ctx.stores.messages.get(conv, item.messageId);
  // Meta names the outbound item (its key, echoed as biz_opaque_callback_data): it was accepted.
  // Recording that closes the window where a sender dies between Meta's answer and its ack,
  // and the next sender would send the message again.
  const sentKey = !state && item.callbackData && parsePartKey(item.callbackData).part === 0 ? item.callbackData : undefined;
  if (sentKey) await ctx.stores.outbox.recordSent(conv, sentKey, item.messageId);
  if (!state) {
    // Meta can report a status before the sender has recorded the message id.
    if (ctx.now() - item.receivedAt < STATUS_GRACE_MS)
      throw new RetryLater(250, `status for ${item.messageId} arrived before its send was recorded`);
    return commitOnly(commit);
  }
  await ctx.stores.messages.set(item.messageId, { ...state, state: item.status, updatedAt: ctx.now() }, MESSAGE_STATE_TTL_SEC);
  const applied: PostCommitEvent = {
    type: 'message.status',
    conversation: conv,
    messageId: item.messageId,
    status: item.status,
    state,
    at: item.receivedAt,
    ...(item.errorCodes ? { errorCodes: item.errorCodes } : {}),
  };
  if (item.status === 'failed') {
    const cls = classifyStatusErrors((item.errorCodes ?? []).map((code) => ({ code })));
    ctx.log.warn({ conv, messageId: item.messageId, code: cls.code, kind: cls.kind }, 'message failed after it was accepted');
    if (cls.kind === 'window_closed' && state.fallbackTemplate) {
      commit.outbound.push({
        key: `${state.key}:template`,
        nodeId: state.nodeId ?? '',
        lane: laneFor(state.fallbackTemplate, 0),
        message: state.fallbackTemplate,
        attempts: 0,
        createdAt: ctx.now(),
      });
    }
  }
  return commitOnly(commit, [applied]);
}
