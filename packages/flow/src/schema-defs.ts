/**
 * The flow schema's shared definitions (`$defs` in schemas/flow.schema.json) that the node
 * fragments refer to. The generated node types import them from here and `types.ts` re-exports
 * them: a module of their own, so the generated types and `types.ts` do not import each other.
 */
import type { LanguageCode } from '@parley/contract';

/**
 * Text shown to the user. A plain string is the default-language text;
 * an object maps language codes to text. May contain `{{expression}}` templates.
 */
export type LocalizedText = string | Record<LanguageCode, string>;

/** Durations are ISO-8601-like short strings: "30s", "15m", "2h", "1d". */
export type Duration = string;

/** A route test: an operator name and its arguments (see operators/). */
export interface RouteTest {
  op: string;
  args?: Array<string | number | boolean>;
}

/**
 * A node's exits: exit name → node id. An absent or null exit ends that branch
 * (for a subflow/interrupt: returns).
 */
export type Exits = Record<string, string | null>;

export interface Button {
  id: string;
  title: LocalizedText;
  /** Extra words that pick this button when typed as free text. */
  synonyms?: Record<LanguageCode, string[]>;
}
