/**
 * What the understanding tiers return for one message. The runtime (or the CLI) computes it
 * before stepping the engine and passes it in the `message` event; the engine's has_intent /
 * has_entity / is_yes / is_no operators read it, and the simulator shows it in the studio.
 */
import { Type, type Static } from 'typebox';

export const Tier = Type.Enum(['structured', 'rules', 'classifier', 'llm', 'none']);
export type Tier = Static<typeof Tier>;

export const IntentCandidate = Type.Object({ intent: Type.String(), confidence: Type.Number() });
export type IntentCandidate = Static<typeof IntentCandidate>;

export const EntityType = Type.Enum(['number', 'money', 'email', 'phone', 'date', 'time', 'url', 'custom']);
export type EntityType = Static<typeof EntityType>;

export const Entity = Type.Object({
  type: EntityType,
  name: Type.Optional(Type.String({ description: 'For custom entities: the flow\'s entity name (e.g. "order_id")' })),
  text: Type.String({ description: 'The text as written' }),
  value: Type.Unknown({
    description: 'Normalized value: number, ISO date/datetime string, E.164 phone, lower-cased email, {amount, currency}',
  }),
  start: Type.Integer(),
  end: Type.Integer(),
});
export type Entity = Static<typeof Entity>;

export const Understanding = Type.Object({
  intent: Type.Union([Type.String(), Type.Null()], { description: 'The winning intent, or null when out of scope' }),
  confidence: Type.Number(),
  tier: Tier,
  candidates: Type.Array(IntentCandidate, { description: 'Candidates considered, best first' }),
  entities: Type.Array(Entity),
  polarity: Type.Optional(Type.Enum(['yes', 'no'], { description: 'Yes/no polarity when the text reads as one' })),
  language: Type.Optional(Type.String()),
  sentiment: Type.Optional(
    Type.Object({ label: Type.Enum(['negative', 'neutral', 'positive']), score: Type.Number(), angry: Type.Boolean() }),
  ),
  reasons: Type.Array(Type.String(), {
    description: 'Why the result is what it is, for tracing (e.g. "out of scope: confidence 0.31 < 0.55")',
  }),
  elapsedMs: Type.Number(),
  choice: Type.Optional(
    Type.Object(
      { id: Type.String(), confidence: Type.Number(), tier: Tier },
      { description: 'Free text (or a tap) matched to one of the choices offered at the wait, by id or by meaning' },
    ),
  ),
  llmUnavailable: Type.Optional(
    Type.Boolean({ description: 'The LLM tier was needed but is unavailable: send a holding message and retry later' }),
  ),
});
export type Understanding = Static<typeof Understanding>;
