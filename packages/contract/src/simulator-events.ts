/**
 * The simulator's event stream (Server-Sent Events, docs/admin-api.md): what the studio's
 * preview and `parley chat --server` read while a flow runs in the runtime.
 */
import { Type, type Static } from 'typebox';
import { OutboundMessage } from './messages';
import { SessionStatus } from './session-status';
import { Understanding } from './understanding';

/** The answer a web request got (status, body, headers), or why it failed (`error`, e.g. a timeout). */
export const SimulatedHttpResult = Type.Union([
  Type.Object({ status: Type.Integer(), body: Type.Unknown(), headers: Type.Record(Type.String(), Type.String()) }),
  Type.Object({ error: Type.String() }),
]);
export type SimulatedHttpResult = Static<typeof SimulatedHttpResult>;

export const SimulatorBotEvent = Type.Object({ type: Type.Literal('bot'), message: OutboundMessage, nodeId: Type.String() });
export type SimulatorBotEvent = Static<typeof SimulatorBotEvent>;

/** `outbound`: how many bot messages this step queued (they follow as `bot` events): a client knows when the turn is complete. */
export const SimulatorStateEvent = Type.Object({
  type: Type.Literal('state'),
  status: SessionStatus,
  waitingAt: Type.Optional(Type.String()),
  variables: Type.Record(Type.String(), Type.Unknown()),
  understanding: Type.Optional(Understanding),
  visited: Type.Array(Type.String()),
  outbound: Type.Optional(Type.Integer()),
});
export type SimulatorStateEvent = Static<typeof SimulatorStateEvent>;

export const SimulatorErrorEvent = Type.Object({ type: Type.Literal('error'), message: Type.String() });
export type SimulatorErrorEvent = Static<typeof SimulatorErrorEvent>;

/** A web request the flow made and what it got. */
export const SimulatorHttpEvent = Type.Object({
  type: Type.Literal('http'),
  requestId: Type.String(),
  nodeId: Type.String(),
  request: Type.Object({ method: Type.String(), url: Type.String() }),
  result: SimulatedHttpResult,
});
export type SimulatorHttpEvent = Static<typeof SimulatorHttpEvent>;

/** An LLM call: the prompt and the text it answered, or why it failed. */
export const SimulatorLlmEvent = Type.Object({
  type: Type.Literal('llm'),
  requestId: Type.String(),
  nodeId: Type.String(),
  prompt: Type.String(),
  result: Type.Union([Type.Object({ text: Type.String() }), Type.Object({ error: Type.String() })]),
});
export type SimulatorLlmEvent = Static<typeof SimulatorLlmEvent>;

/** The flow handed the conversation to a person; in a preview no agent is asked. */
export const SimulatorHandoffEvent = Type.Object({
  type: Type.Literal('handoff'),
  nodeId: Type.String(),
  queue: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
});
export type SimulatorHandoffEvent = Static<typeof SimulatorHandoffEvent>;

export const SimulatorEvent = Type.Union([
  SimulatorBotEvent,
  SimulatorStateEvent,
  SimulatorErrorEvent,
  SimulatorHttpEvent,
  SimulatorLlmEvent,
  SimulatorHandoffEvent,
]);
export type SimulatorEvent = Static<typeof SimulatorEvent>;
