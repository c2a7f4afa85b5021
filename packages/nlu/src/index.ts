export type * from './types';
export { normalizeText, tokenize, isEmojiOnly, MAX_ANALYZED_CHARS } from './text/normalize';
export { polarity, matchBuiltinLexicon, type Polarity, type LexiconMatch } from './text/polarity';
export {
  lexiconEntries, BUILTIN_INTENTS, LEXICON_LANGUAGES, type BuiltinIntent, type LexiconKind, type LexiconLanguage,
} from './text/lexicons';
export { extractEntities, type ExtractOptions } from './entities/index';
export { parseLocaleNumber } from './entities/numbers';
