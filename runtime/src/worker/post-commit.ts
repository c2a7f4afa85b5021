/**
 * What the worker announces once an item's commit is in. Handlers describe what happened;
 * subscribers registered at composition (subscribers.ts: the agent desk, the simulator) decide
 * what to make of it, so neither is a special case inside the item handlers.
 */
import type { EngineSnapshot, InboundMessage } from '@parley/flow';
import type { Understanding } from '@parley/nlu';
import type { ContactUpdate } from '../contacts/update';
import type { ContactInfo, ConversationId, StoredSession } from '../conversation';
import type { MessageState } from '../stores';
import type { DeskEvent } from './desk';
import type { EffectPlan } from './effects';

/** The engine took a step. */
interface EngineSteppedEvent {
  type: 'engine.stepped';
  conversation: ConversationId;
  snapshot: EngineSnapshot;
  errors: EffectPlan['errors'];
  handoffs: EffectPlan['handoffs'];
  /** Template sends the gate refused in this step. */
  refusals: EffectPlan['refusals'];
  visited: string[];
  /** Bot messages the step queued. */
  outbound: number;
  understanding?: Understanding;
  /** What the step's set nodes saved to the contact (`contact.<field>`), in order. */
  contactUpdates?: ContactUpdate[];
  /** The step started a session (contact activity: flow entered). */
  started?: boolean;
  /** The session is a campaign's (contact activity names it). */
  campaign?: StoredSession['campaign'];
}

/** The session as committed when no step ran (a message kept for later, the desk took or gave it back). */
interface SessionHeldEvent {
  type: 'session.held';
  conversation: ConversationId;
  session: StoredSession;
}

/** A simulator control could not be carried out (e.g. "time out now" with no timer pending). */
interface ControlRefusedEvent {
  type: 'control.refused';
  conversation: ConversationId;
  reason: string;
}

/** An item failed too often and was set aside (dead-lettered; a preview's is only shown). */
interface ItemSetAsideEvent {
  type: 'item.set-aside';
  conversation: ConversationId;
  failures: number;
  reason: string;
}

/** A person's message was handled, whatever became of it (flow, desk, kept, dropped): contacts learn they wrote. */
interface MessageReceivedEvent {
  type: 'message.received';
  conversation: ConversationId;
  contact: ContactInfo;
  /** The routing key (number / page) it came in on. */
  via?: string;
  message: InboundMessage;
  /** When the person sent it (else when it was received). */
  at: number;
  /** The running session's campaign, if a campaign started it (a button tap is credited to it). */
  campaign?: StoredSession['campaign'];
}

/** A delivery status (delivered, read, failed…) was applied to a message Parley sent: campaign results count it. */
interface MessageStatusEvent {
  type: 'message.status';
  conversation: ConversationId;
  messageId: string;
  status: string;
  state: MessageState;
  errorCodes?: number[];
  at: number;
}

export type PostCommitEvent =
  MessageStatusEvent | MessageReceivedEvent | DeskEvent | EngineSteppedEvent | SessionHeldEvent | ControlRefusedEvent | ItemSetAsideEvent;

/** Called once per event, after the commit, in order. Must not throw (it cannot undo the commit). */
export type PostCommitSubscriber = (event: PostCommitEvent) => void;

export function isDeskEvent(event: PostCommitEvent): event is DeskEvent {
  return event.type === 'handoff.started' || event.type === 'handoff.message' || event.type === 'handoff.released';
}
