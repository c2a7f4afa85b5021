/**
 * Host events → machine events. Decides what is ignored before the machine sees it: messages
 * during a handoff, user events (reactions, edits, revokes, system notices), stale timers (not
 * in the table with that sprint), unknown timer ids.
 */
import type { EngineEvent, InboundMessage } from './contract';
import type { MachineEvent, Turn } from './machine-types';
import { StepFailure } from './session';
import type { EngineSnapshot } from './snapshot';

export type Translated =
  | { action: 'ignore' }
  | { action: 'expire'; timerId: string; message?: undefined }
  | { action: 'deliver'; timerId?: string; message?: Extract<EngineEvent, { type: 'message' }>; toMachine(turn: Turn): MachineEvent };

/**
 * A reaction, an edit, a revoke, a system notice or any other content the engine cannot read
 * (kind `reaction` / `unsupported`): something the user did, not a reply. It never answers a
 * wait, never triggers an interrupt and never re-asks; the session keeps waiting. The flow
 * language has no node that routes on these yet.
 */
export function isUserEvent(message: InboundMessage): boolean {
  return message.kind === 'reaction' || message.kind === 'unsupported';
}

export function translate(event: Exclude<EngineEvent, { type: 'start' }>, previous: EngineSnapshot): Translated {
  switch (event.type) {
    case 'message':
      if (previous.status === 'handoff' || !event.message || isUserEvent(event.message)) return { action: 'ignore' };
      return { action: 'deliver', message: event, toMachine: (turn) => ({ type: 'message', turn }) };
    case 'timer.fired': {
      // A timer is live only if the table holds it with the sprint it was scheduled in.
      if (!Object.hasOwn(previous.timers, event.timerId) || previous.timers[event.timerId] !== event.sprint) return { action: 'ignore' };
      const timerId = event.timerId;
      if (timerId === 'expire') return { action: 'expire', timerId };
      if (timerId !== 'ask_timeout' && timerId !== 'soft_timeout' && timerId !== 'wait') return { action: 'ignore' };
      return { action: 'deliver', timerId, toMachine: (turn) => ({ type: 'timer', kind: timerId, turn }) };
    }
    case 'http.done':
      return {
        action: 'deliver',
        toMachine: (turn) => ({
          type: 'http',
          requestId: event.requestId,
          ok: true,
          status: event.status,
          body: event.body,
          headers: event.headers ?? {},
          turn,
        }),
      };
    case 'http.failed':
      return {
        action: 'deliver',
        toMachine: (turn) => ({
          type: 'http',
          requestId: event.requestId,
          ok: false,
          status: 0,
          body: null,
          headers: {},
          error: event.error,
          turn,
        }),
      };
    case 'llm.done':
      return { action: 'deliver', toMachine: (turn) => ({ type: 'llm', requestId: event.requestId, ok: true, text: event.text, turn }) };
    case 'llm.failed':
      return {
        action: 'deliver',
        toMachine: (turn) => ({ type: 'llm', requestId: event.requestId, ok: false, text: '', error: event.error, turn }),
      };
    case 'handoff.released':
      return { action: 'deliver', toMachine: (turn) => ({ type: 'released', variables: event.variables ?? {}, turn }) };
    default:
      throw new StepFailure('bad_event', `unknown event type '${(event as { type: string }).type}'`);
  }
}
