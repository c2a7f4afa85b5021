/**
 * The NLU package's pure text helpers, bound optionally: the operators use the one
 * multilingual lexicon and the one entity extractor the NLU package owns, and keep working
 * (with understanding-only answers) in a build where those helpers are not exported yet.
 */
import * as nlu from '@parley/nlu';
import type { Entity } from '@parley/nlu';
import type { EntityDecl } from '../types';

export interface NluTextHelpers {
  normalizeText(text: string): string;
  polarity(text: string, language?: string): 'yes' | 'no' | undefined;
  extractEntities(
    text: string,
    options?: { locale?: string; timezone?: string; now?: number; customEntities?: EntityDecl[] },
  ): Entity[];
}

const helpers = nlu as unknown as Partial<NluTextHelpers>;

export const nluAvailable = {
  normalizeText: typeof helpers.normalizeText === 'function',
  polarity: typeof helpers.polarity === 'function',
  extractEntities: typeof helpers.extractEntities === 'function',
};

/** Lower-case, no diacritics, no punctuation, single spaces. */
export function normalize(text: string): string {
  if (helpers.normalizeText) return helpers.normalizeText(text);
  // Minimal stand-in until the NLU export lands: same shape, fewer scripts covered.
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}

export function polarityOf(text: string, language?: string): 'yes' | 'no' | undefined {
  return helpers.polarity ? helpers.polarity(text, language) : undefined;
}

export function extract(
  text: string,
  options: { locale?: string; timezone?: string; now?: number; customEntities?: EntityDecl[] },
): Entity[] {
  if (!helpers.extractEntities || text === '') return [];
  try {
    return helpers.extractEntities(text, options);
  } catch {
    // An extractor bug must not take a conversation down: no entities is a safe answer.
    return [];
  }
}
