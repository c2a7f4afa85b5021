/** The simulator channel (studio preview, `parley chat --server`): sessions, messages, controls, the event stream. */
import { Type, type Static } from 'typebox';
import { FlowDocument } from './common';

export const SessionParams = Type.Object({ sid: Type.String({ description: 'Simulator session id (from POST /api/simulator/sessions)' }) });

export const CreateSessionBody = Type.Object({
  flowId: Type.String(),
  flow: Type.Optional(FlowDocument),
});
export type CreateSessionBody = Static<typeof CreateSessionBody>;

export const CreateSessionResult = Type.Object({ sessionId: Type.String() });
export type CreateSessionResult = Static<typeof CreateSessionResult>;

/** An inbound message as a channel would deliver it (the flow package's InboundMessage); the route checks kind and text. */
export const SimulatorMessageBody = Type.Union([
  Type.Object({ message: Type.Optional(Type.Unknown({ description: 'InboundMessage: { kind: text | button | list | media | location | contacts | reaction | unsupported, text?, choiceId?, … }' })) }),
  Type.Null(),
]);

/** The stream's events, one JSON object per `data:` line (docs/admin-api.md lists them). */
export const SimulatorEventStream = Type.String({
  description: 'Server-Sent Events; each data: line is a SimulatorEvent (bot, state, error, http, llm, handoff)',
});
