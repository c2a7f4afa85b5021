/** What every inbox item handler receives, and the shape of the table that dispatches to them. */
import type { ChannelName, ConversationId, ConversationState, InboxItem, StoredSession } from '../../conversation';
import type { ProcessOutcome } from '../outcome';
import type { StepEnv } from '../run-step';
import type { SessionFlow } from '../session-flow';
import type { Understanders } from '../understanding';

export interface HandlerEnv extends StepEnv {
  readonly nlu: Understanders;
}

export interface ItemContext {
  readonly env: HandlerEnv;
  readonly conv: ConversationId;
  readonly tenant: string;
  readonly channel: ChannelName;
  readonly contactId: string;
  /** The conversation as loaded with the item (its session may have finished). */
  readonly state: ConversationState;
  /** The running session: null when there is none or it finished. */
  readonly session: StoredSession | null;
  /** The flow the running session is pinned to (null without one, or when that version is gone). */
  readonly current: SessionFlow | null;
}

export type InboxItemKind = InboxItem['kind'];
export type ItemOf<K extends InboxItemKind> = Extract<InboxItem, { kind: K }>;
export type ItemHandler<K extends InboxItemKind> = (item: ItemOf<K>, cx: ItemContext) => Promise<ProcessOutcome> | ProcessOutcome;

/** One handler per kind: a new kind without a handler does not compile. */
export type HandlerTable = { readonly [K in InboxItemKind]: ItemHandler<K> };
