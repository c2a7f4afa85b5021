/**
 * The parts of a flow that understanding reads: its intents, its pattern entities and its
 * languages. The flow format (@parley/flow) embeds these; understanding (@parley/nlu) needs
 * nothing else of a flow, so it depends on this module rather than on the flow language.
 */

/** Language code (ISO 639-1, optionally with region: "en", "pt-BR"). */
export type LanguageCode = string;

export interface IntentDecl {
  name: string;
  description?: string;
  /** Example utterances per language: train the classifier. */
  examples?: Record<LanguageCode, string[]>;
  /** Keywords / synonyms per language: the rules tier. */
  keywords?: Record<LanguageCode, string[]>;
  /** Regular expressions (JS syntax, no flags field: always case-insensitive, unicode). */
  patterns?: string[];
}

/** An entity extracted by a flow-declared pattern, e.g. order ids. */
export interface EntityDecl {
  name: string;
  pattern: string;
}

/** What an understander is built from: a flow, or anything shaped like its vocabulary. */
export interface FlowVocabulary {
  id?: string;
  /** Default language first. */
  languages: LanguageCode[];
  intents?: IntentDecl[];
  entities?: EntityDecl[];
}
