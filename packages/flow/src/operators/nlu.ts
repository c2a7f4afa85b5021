/**
 * The NLU package's pure text helpers, in one place: the operators use the one
 * multilingual lexicon and the one entity extractor the NLU package owns.
 */
import { extractEntities, normalizeText, polarity } from '@parley/nlu';
import type { Entity } from '@parley/nlu';
import type { EntityDecl } from '../types';

/** Lower-case, no diacritics, no punctuation, single spaces. */
export function normalize(text: string): string {
  return normalizeText(text);
}

export function polarityOf(text: string, language?: string): 'yes' | 'no' | undefined {
  return polarity(text, language);
}

export function extract(
  text: string,
  options: { locale?: string; timezone?: string; now?: number; customEntities?: EntityDecl[] },
): Entity[] {
  if (text === '') return [];
  try {
    return extractEntities(text, options);
  } catch {
    // An extractor bug must not take a conversation down: no entities is a safe answer.
    return [];
  }
}
