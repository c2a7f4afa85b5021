/**
 * What the understanding tiers return for one message. The runtime (or the CLI)
 * computes it before stepping the engine and passes it in the `message` event;
 * the engine's has_intent / has_entity / is_yes / is_no operators read it.
 */

export type Tier = 'structured' | 'rules' | 'classifier' | 'llm' | 'none';

export interface IntentCandidate {
  intent: string;
  confidence: number;
}

export type EntityType =
  | 'number' | 'money' | 'email' | 'phone' | 'date' | 'time' | 'url' | 'custom';

export interface Entity {
  type: EntityType;
  /** For custom entities: the flow's entity name (e.g. "order_id"). */
  name?: string;
  /** The text as written. */
  text: string;
  /** Normalized value: number, ISO date/datetime string, E.164 phone, lower-cased email, {amount, currency}. */
  value: unknown;
  start: number;
  end: number;
}

export interface Understanding {
  /** The winning intent, or null when out of scope. */
  intent: string | null;
  confidence: number;
  tier: Tier;
  /** Candidates considered, best first. */
  candidates: IntentCandidate[];
  entities: Entity[];
  /** Yes/no polarity when the text reads as one (multilingual lexicon). */
  polarity?: 'yes' | 'no';
  language?: string;
  sentiment?: { label: 'negative' | 'neutral' | 'positive'; score: number; angry: boolean };
  /** Why the result is what it is, for tracing (e.g. "out of scope: confidence 0.31 < 0.55"). */
  reasons: string[];
  elapsedMs: number;
  /** Free text (or a tap) matched to one of the choices offered at the wait, by id or by meaning. */
  choice?: { id: string; confidence: number; tier: Tier };
  /** The LLM tier was needed but is unavailable: send a holding message and retry later. */
  llmUnavailable?: boolean;
}
