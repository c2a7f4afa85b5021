/**
 * @parley/nlu — tiered understanding (structured → rules → classifier → LLM), entities,
 * language and sentiment. Pure: no Node-only APIs, I/O (the LLM's fetch, the model store)
 * is injected. The evaluation tooling lives in '@parley/nlu/eval'.
 */
export type * from './types';
export { normalizeText, tokenize, isEmojiOnly, MAX_ANALYZED_CHARS } from './text/normalize';
export { polarity, matchBuiltinLexicon, type Polarity, type LexiconMatch } from './text/polarity';
export {
  lexiconEntries,
  BUILTIN_INTENTS,
  LEXICON_LANGUAGES,
  type BuiltinIntent,
  type LexiconKind,
  type LexiconLanguage,
} from './text/lexicons';
export { detectLanguage, type LanguageOptions } from './text/language';
export { sentiment, type Sentiment } from './text/sentiment';
export { extractEntities, type ExtractOptions } from './entities/index';
export {
  compilePattern,
  patternProblem,
  MAX_PATTERN_LENGTH,
  MAX_SUBJECT_LENGTH,
  type CompiledPattern,
  type FlowPattern,
  type PatternMatch,
  type PatternOptions,
  type PatternProblem,
} from './pattern/pattern';
export { parseLocaleNumber } from './entities/numbers';
export {
  createUnderstander,
  DEFAULT_THRESHOLDS,
  type Understander,
  type UnderstanderOptions,
  type UnderstandOptions,
  type Thresholds,
} from './understand/understander';
export { matchChoice, type ChoiceMatch } from './understand/choices';
export {
  IntentClassifier,
  DEFAULT_CLASSIFIER,
  type ClassifierOptions,
  type ClassifierResult,
  type TrainingExample,
} from './classifier/model';
export { WordVectors, type SentenceEncoder } from './classifier/word-vectors';
export { obtainClassifier, serializeClassifier, deserializeClassifier, type ModelCache } from './classifier/persist';
export { LlmClassifier, LlmClient, type ChatMessage, type LlmConfig, type LlmEndpoint, type LlmOutcome } from './llm/client';
