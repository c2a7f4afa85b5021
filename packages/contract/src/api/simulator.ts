/** The simulator channel (studio preview, `parley chat --server`): sessions, messages, controls, the event stream. */
import { Type, type Static } from 'typebox';
import { InboundMessage } from '../messages';
import { FlowDocument } from './common';
import { ConversationWindow } from './desk';

export const SessionParams = Type.Object({ sid: Type.String({ description: 'Simulator session id (from POST /api/simulator/sessions)' }) });
export type SessionParams = Static<typeof SessionParams>;

export const CreateSessionBody = Type.Object({
  flowId: Type.String(),
  flow: Type.Optional(FlowDocument),
});
export type CreateSessionBody = Static<typeof CreateSessionBody>;

export const CreateSessionResult = Type.Object({ sessionId: Type.String() });
export type CreateSessionResult = Static<typeof CreateSessionResult>;

/** A preview session as it stands: its flow, status and 24-hour window (the user's last message opens it). */
export const SimulatorSession = Type.Object({
  sessionId: Type.String(),
  flowId: Type.Union([Type.String(), Type.Null()], { description: 'null before the session has started' }),
  status: Type.Union([Type.String({ description: 'The session status (waiting, ended, …)' }), Type.Null()]),
  window: ConversationWindow,
});
export type SimulatorSession = Static<typeof SimulatorSession>;

/** What the user says: an inbound message as a channel delivers it (text at most 4,096 characters). */
export const SimulatorMessageBody = Type.Object({ message: InboundMessage });
export type SimulatorMessageBody = Static<typeof SimulatorMessageBody>;

/** The stream's events, one JSON object per `data:` line (docs/admin-api.md lists them). */
export const SimulatorEventStream = Type.String({
  description: 'Server-Sent Events; each data: line is a SimulatorEvent (bot, state, error, http, llm, handoff)',
});
export type SimulatorEventStream = Static<typeof SimulatorEventStream>;
