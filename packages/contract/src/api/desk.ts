/** The agent desk: conversations a person has, one conversation, replies, takeover and release. */
import { Type, type Static } from 'typebox';
import { JsonObject } from './common';

export const ConversationParams = Type.Object({
  conversation: Type.String({ description: '"<tenant>:<channel>:<contact id>", URL-encoded' }),
});
export type ConversationParams = Static<typeof ConversationParams>;
export const LimitQuery = Type.Object({ limit: Type.Optional(Type.String({ description: 'How many (default 100)' })) });
export type LimitQuery = Static<typeof LimitQuery>;

/** WhatsApp's 24-hour customer-service window of a conversation, from the user's last message. */
export const ConversationWindow = Type.Object(
  {
    open: Type.Boolean({ description: 'Free-form messages may be sent (the user wrote in the last 24 hours)' }),
    until: Type.Union([Type.String({ description: 'ISO time the window closes' }), Type.Null()], {
      description: 'When the window closes; null while it is closed (only templates go)',
    }),
  },
  { description: 'The 24-hour window: outside it only an approved template reaches the user' },
);
export type ConversationWindow = Static<typeof ConversationWindow>;

const DeskFields = {
  by: Type.Union([Type.Literal('flow'), Type.Literal('agent')], { description: 'flow: a handoff node; agent: taken over' }),
  queue: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  agent: Type.Optional(Type.String()),
};

export const DeskEntry = Type.Object({
  at: Type.Number({ description: 'Unix ms' }),
  from: Type.Union([Type.Literal('user'), Type.Literal('bot'), Type.Literal('agent'), Type.Literal('system')]),
  text: Type.String(),
});
export type DeskEntry = Static<typeof DeskEntry>;

const Contact = Type.Union([
  Type.Object({ name: Type.Optional(Type.String()), phone: Type.Optional(Type.String()) }, { additionalProperties: true }),
  Type.Null(),
]);

export const Handoff = Type.Object({
  conversation: Type.String(),
  since: Type.String({ description: 'ISO time the person got it' }),
  by: Type.Optional(DeskFields.by),
  queue: DeskFields.queue,
  reason: DeskFields.reason,
  agent: DeskFields.agent,
  contact: Contact,
  flowId: Type.Optional(Type.String()),
  last: Type.Union([DeskEntry, Type.Null()]),
  window: ConversationWindow,
});
export type Handoff = Static<typeof Handoff>;
export const HandoffList = Type.Object({ handoffs: Type.Array(Handoff) });
export type HandoffList = Static<typeof HandoffList>;

export const HandoffDetail = Type.Object({
  conversation: Type.String(),
  since: Type.String(),
  ...DeskFields,
  contact: Contact,
  flowId: Type.String(),
  status: Type.String({ description: 'The session status (handoff, waiting, …)' }),
  variables: JsonObject,
  transcript: Type.Array(DeskEntry),
  window: ConversationWindow,
});
export type HandoffDetail = Static<typeof HandoffDetail>;

const ShortText = Type.String({ maxLength: 200 });

export const AgentMessageBody = Type.Object({
  text: Type.Optional(
    Type.String({ minLength: 1, maxLength: 16_384, description: "The reply (the sender splits it at the channel's limit)" }),
  ),
  template: Type.Optional(
    Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 512 }),
        language: Type.String({ minLength: 2, maxLength: 15 }),
        values: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Named parameter values' })),
      },
      { description: 'An approved template instead of text: the only reply that reaches a user whose 24-hour window has closed' },
    ),
  ),
  agent: Type.Optional(ShortText),
});
export type AgentMessageBody = Static<typeof AgentMessageBody>;
export const AgentMessageResult = Type.Object({
  queued: Type.Literal(true),
  key: Type.String({ description: "The reply's send key (agent:<id>)" }),
});
export type AgentMessageResult = Static<typeof AgentMessageResult>;

/** The body may be absent. */
export const TakeoverBody = Type.Union([
  Type.Object({ queue: Type.Optional(ShortText), reason: Type.Optional(ShortText), agent: Type.Optional(ShortText) }),
  Type.Null(),
]);
export type TakeoverBody = Static<typeof TakeoverBody>;

export const ReleaseBody = Type.Union([
  Type.Object({ variables: Type.Optional(Type.Unknown({ description: 'Variables to set when the bot continues (an object)' })) }),
  Type.Null(),
]);
export type ReleaseBody = Static<typeof ReleaseBody>;
