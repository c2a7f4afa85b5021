/**
 * Processes ONE inbox item of a conversation into an outcome: loads the running session and
 * the flow it is pinned to, then hands the item to the handler for its kind (handlers/).
 * Performs no writes; the worker commits atomically, then announces the outcome's events.
 */
import { parseConversationId, type ConversationId, type ConversationState, type InboxItem } from '../conversation';
import type { RuntimeContext } from '../platform/context';
import { isPreview } from '../simulator/preview';
import { handleItem, type HandlerEnv } from './handlers';
import type { ProcessOutcome } from './outcome';
import { previewOnly } from './preview';
import { isFinished } from './run-step';
import { loadSessionFlow, SubflowLoader } from './session-flow';
import type { Understanders } from './understanding';

export type ItemProcessor = (conv: ConversationId, item: InboxItem, state: ConversationState) => Promise<ProcessOutcome>;

export function createItemProcessor(ctx: RuntimeContext, nlu: Understanders): ItemProcessor {
  const env: HandlerEnv = { ctx, nlu, subflows: new SubflowLoader(ctx) };
  return async (conv, item, state) => {
    const session = state.session && !isFinished(state.session) ? state.session : null;
    const current = session ? await loadSessionFlow(ctx, session) : null;
    const out = await handleItem(item, { env, conv, ...parseConversationId(conv), state, session, current });
    return isPreview(conv) ? previewOnly(out) : out;
  };
}
