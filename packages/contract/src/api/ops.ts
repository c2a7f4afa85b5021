/** Operations: NLU try-out, analytics, business events, dead letters, tenant resume. */
import { Type, type Static } from 'typebox';
import { Understanding } from '../understanding';
import { FlowDocument } from './common';

export const NluTryBody = Type.Object({
  flowId: Type.Optional(Type.String({ description: 'The flow whose intents and entities are used (its draft, else its live version)' })),
  text: Type.String(),
  flow: Type.Optional(FlowDocument),
});
export type NluTryBody = Static<typeof NluTryBody>;

/** What understanding made of the text. */
export const NluTryResult = Understanding;
export type NluTryResult = Static<typeof NluTryResult>;

export const AnalyticsParams = Type.Object({ flowId: Type.String() });
export type AnalyticsParams = Static<typeof AnalyticsParams>;
export const AnalyticsQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'YYYY-MM-DD (default: 29 days before to)' })),
  to: Type.Optional(Type.String({ description: 'YYYY-MM-DD (default: today)' })),
  campaign: Type.Optional(Type.String({ description: 'Only the sessions this campaign started (its funnel)' })),
});
export type AnalyticsQuery = Static<typeof AnalyticsQuery>;

export const NodeStats = Type.Object({ visits: Type.Number(), exits: Type.Record(Type.String(), Type.Number()), dropOff: Type.Number() });
export type NodeStats = Static<typeof NodeStats>;
export const AnalyticsReport = Type.Object({
  nodes: Type.Record(Type.String(), NodeStats),
  starts: Type.Number(),
  completions: Type.Number(),
});
export type AnalyticsReport = Static<typeof AnalyticsReport>;

export const EventParams = Type.Object({ name: Type.String({ description: 'The business event, e.g. cart.abandoned' }) });
export type EventParams = Static<typeof EventParams>;
export const EventBody = Type.Object({
  contact: Type.Object(
    {
      id: Type.String(),
      channel: Type.Optional(Type.Unknown({ description: 'whatsapp (default) | messenger | instagram' })),
      phone: Type.Optional(Type.Unknown()),
      name: Type.Optional(Type.Unknown()),
    },
    { additionalProperties: true },
  ),
  params: Type.Optional(Type.Unknown({ description: 'Event parameters (an object) the flow reads as {{event.*}}' })),
  tenant: Type.Optional(Type.Unknown({ description: 'Tenant id (default: the first configured)' })),
  flowId: Type.Optional(Type.Unknown({ description: 'Start only this flow' })),
});
export type EventBody = Static<typeof EventBody>;
export const EventResult = Type.Object({ queued: Type.Literal(true), conversation: Type.String(), flows: Type.Array(Type.String()) });
export type EventResult = Static<typeof EventResult>;

export const DeadLetterParams = Type.Object({ id: Type.String() });
export type DeadLetterParams = Static<typeof DeadLetterParams>;
export const DeadLetter = Type.Object(
  {
    id: Type.String(),
    queue: Type.Optional(Type.String({ description: 'inbox | outbox (absent: outbox)' })),
    conv: Type.String(),
    reason: Type.String(),
    code: Type.Optional(Type.Number()),
    at: Type.Number({ description: 'Unix ms' }),
    item: Type.Unknown({ description: 'The inbox item or outbound message, as it was queued' }),
  },
  { additionalProperties: true },
);
export type DeadLetter = Static<typeof DeadLetter>;
export const DeadLetterList = Type.Array(DeadLetter);
export type DeadLetterList = Static<typeof DeadLetterList>;
export const ReplayResult = Type.Object({ replayed: Type.String(), conversation: Type.String() });
export type ReplayResult = Static<typeof ReplayResult>;

export const TenantParams = Type.Object({ id: Type.String() });
export type TenantParams = Static<typeof TenantParams>;
export const ResumeResult = Type.Object({ resumed: Type.Boolean() });
export type ResumeResult = Static<typeof ResumeResult>;
