/**
 * The NLU package's pure text helpers, in one place: the operators use the one
 * multilingual lexicon and the one entity extractor the NLU package owns.
 */
import { extractEntities, normalizeText, polarity } from '@parley/nlu';
import type { Entity } from '@parley/contract';
import type { EntityDecl } from '../types';

/** Lower-case, no diacritics, no punctuation, single spaces. */
export function normalize(text: string): string {
  return normalizeText(text);
}

export function polarityOf(text: string, language?: string): 'yes' | 'no' | undefined {
  return polarity(text, language);
}

/**
 * Entity extraction is the costliest thing a route does (dates and phone numbers), and the
 * same operand is often tested by several cases in a row: results are memoized per text,
 * locale, time zone, custom entities and minute (relative dates depend on the clock).
 */
const memo = new Map<string, Entity[]>();
const MEMO_LIMIT = 500;
const customKeys = new WeakMap<EntityDecl[], string>();

function customKey(custom: EntityDecl[] | undefined): string {
  if (!custom) return '';
  let key = customKeys.get(custom);
  if (key === undefined) {
    key = JSON.stringify(custom);
    customKeys.set(custom, key);
  }
  return key;
}

export function extract(
  text: string,
  options: { locale?: string; timezone?: string; now?: number; customEntities?: EntityDecl[] },
): Entity[] {
  if (text === '') return [];
  // Minute buckets: relative dates ("tomorrow") change at midnight in any time zone, and offsets can be 30/45 min.
  const minute = Math.floor((options.now ?? Date.now()) / 60_000);
  const key = `${options.locale ?? ''}|${options.timezone ?? ''}|${minute}|${customKey(options.customEntities)}|${text}`;
  const hit = memo.get(key);
  if (hit) return hit;
  let entities: Entity[];
  try {
    entities = extractEntities(text, options);
  } catch {
    // An extractor bug must not take a conversation down: no entities is a safe answer.
    entities = [];
  }
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(key, entities);
  return entities;
}
