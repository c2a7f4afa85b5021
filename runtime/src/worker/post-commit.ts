/**
 * What the worker announces once an item's commit is in. Handlers describe what happened;
 * subscribers registered at composition (subscribers.ts: the agent desk, the simulator) decide
 * what to make of it, so neither is a special case inside the item handlers.
 */
import type { EngineSnapshot } from '@parley/flow';
import type { Understanding } from '@parley/nlu';
import type { ConversationId, StoredSession } from '../conversation';
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

export type PostCommitEvent = DeskEvent | EngineSteppedEvent | SessionHeldEvent | ControlRefusedEvent | ItemSetAsideEvent;

/** Called once per event, after the commit, in order. Must not throw (it cannot undo the commit). */
export type PostCommitSubscriber = (event: PostCommitEvent) => void;

export function isDeskEvent(event: PostCommitEvent): event is DeskEvent {
  return event.type === 'handoff.started' || event.type === 'handoff.message' || event.type === 'handoff.released';
}
