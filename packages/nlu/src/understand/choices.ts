/**
 * Free text at a choice prompt → the choice it means: exact title or synonym, an ordinal
 * ("2", "the second one"), yes/no against yes/no buttons, a title inside the sentence, and
 * finally similarity of meaning (character n-grams, so "cancelation" finds "Cancel order").
 */
import type { Expectations } from '@parley/contract';
import { dot, FeatureSpace, type FeatureConfig } from '../classifier/features';
import { normalizeText } from '../text/normalize';
import { polarity } from '../text/polarity';
import type { Tier } from '../types';
import { findPhrase } from './fuzzy';
import { LruCache } from './lru';

export type Choice = Expectations['choices'][number];

export interface ChoiceMatch {
  id: string;
  confidence: number;
  tier: Tier;
  reason: string;
}

const ORDINALS: Array<[number, string[]]> = [
  [
    1,
    [
      'first',
      '1st',
      'primero',
      'primera',
      'primeiro',
      'primeira',
      'premier',
      'premiere',
      'erste',
      'erster',
      'ersten',
      'pehla',
      'pehli',
      'الأول',
      'الاول',
      'पहला',
    ],
  ],
  [2, ['second', '2nd', 'segundo', 'segunda', 'deuxieme', 'second', 'zweite', 'zweiter', 'zweiten', 'dusra', 'doosra', 'الثاني', 'दूसरा']],
  [
    3,
    [
      'third',
      '3rd',
      'tercero',
      'tercera',
      'terceiro',
      'terceira',
      'troisieme',
      'dritte',
      'dritter',
      'dritten',
      'teesra',
      'tisra',
      'الثالث',
      'तीसरा',
    ],
  ],
  [4, ['fourth', '4th', 'cuarto', 'cuarta', 'quarto', 'quarta', 'quatrieme', 'vierte', 'vierter', 'chautha', 'الرابع', 'चौथा']],
  [-1, ['last', 'ultimo', 'ultima', 'dernier', 'derniere', 'letzte', 'letzter', 'aakhri', 'الأخير', 'الاخير', 'आखिरी']],
];
const ORDINAL_WORDS = new Map(ORDINALS.flatMap(([n, words]) => words.map((w) => [normalizeText(w), n] as const)));
const ORDINAL_FILLERS = new Set(
  normalizeText('the one option opcion opção numero number nummer no choice la el o a le die der das one please wala wali').split(' '),
);

const CHOICE_FEATURES: FeatureConfig = { charMin: 2, charMax: 4, wordBigrams: false, wordWeight: 1 };
const indexes = new LruCache<string, { space: FeatureSpace; vectors: ReturnType<FeatureSpace['transform']>[][] }>(256);

function choiceTexts(choice: Choice): string[] {
  return [choice.title, ...(choice.synonyms ?? []), choice.id.replace(/[_-]+/g, ' ')].filter((t) => t && normalizeText(t));
}

function ordinalOf(tokens: string[], count: number): number | undefined {
  const meaningful = tokens.filter((t) => !ORDINAL_FILLERS.has(t));
  if (meaningful.length !== 1) return undefined;
  const word = meaningful[0] as string;
  const n = /^\d{1,2}$/.test(word) ? Number(word) : ORDINAL_WORDS.get(word);
  if (n === undefined) return undefined;
  const index = n === -1 ? count - 1 : n - 1;
  return index >= 0 && index < count ? index : undefined;
}

export function matchChoice(text: string, choices: readonly Choice[], language?: string): ChoiceMatch | undefined {
  if (choices.length === 0) return undefined;
  const normalized = normalizeText(text);
  if (!normalized) return undefined;
  const tokens = normalized.split(' ');

  for (const choice of choices) {
    if (choiceTexts(choice).some((t) => normalizeText(t) === normalized) || choice.id === text.trim()) {
      return { id: choice.id, confidence: 0.97, tier: 'rules', reason: `choice "${choice.id}": same as its title or a synonym` };
    }
  }
  const ordinal = ordinalOf(tokens, choices.length);
  if (ordinal !== undefined) {
    const choice = choices[ordinal] as Choice;
    return { id: choice.id, confidence: 0.9, tier: 'rules', reason: `choice "${choice.id}": ordinal ${ordinal + 1}` };
  }
  const said = polarity(text, language);
  if (said) {
    const same = choices.filter((c) => polarity(c.title, language) === said || polarity(c.id.replace(/[_-]+/g, ' '), language) === said);
    if (same.length === 1) {
      const choice = same[0] as Choice;
      return { id: choice.id, confidence: 0.9, tier: 'rules', reason: `choice "${choice.id}": both read as ${said}` };
    }
  }
  const contained = choices
    .flatMap((choice) =>
      choiceTexts(choice).flatMap((t) => {
        const phrase = normalizeText(t).split(' ');
        const found = findPhrase(tokens, phrase);
        return found ? [{ choice, exact: found.exact, length: phrase.join(' ').length }] : [];
      }),
    )
    .sort((a, b) => Number(b.exact) - Number(a.exact) || b.length - a.length);
  const [first, second] = contained;
  if (first && (!second || second.choice.id === first.choice.id || first.length > second.length || (first.exact && !second.exact))) {
    return {
      id: first.choice.id,
      confidence: first.exact ? 0.88 : 0.8,
      tier: 'rules',
      reason: `choice "${first.choice.id}": its title is in the message${first.exact ? '' : ' (with a typo)'}`,
    };
  }
  return matchByMeaning(text, choices);
}

/** Character n-gram cosine to each choice's title and synonyms; accepted only when one choice is clearly closest. */
function matchByMeaning(text: string, choices: readonly Choice[]): ChoiceMatch | undefined {
  const key = JSON.stringify(choices.map((c) => [c.id, c.title, c.synonyms ?? []]));
  let index = indexes.get(key);
  if (!index) {
    const space = FeatureSpace.fit(choices.flatMap(choiceTexts), CHOICE_FEATURES);
    index = { space, vectors: choices.map((c) => choiceTexts(c).map((t) => space.transform(t))) };
    indexes.set(key, index);
  }
  const query = index.space.transform(text);
  const similarity = index.vectors.map((vs) => Math.max(0, ...vs.map((v) => dot(query, v))));
  const order = similarity.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  const [best, runnerUp] = order;
  if (!best) return undefined;
  const margin = best[0] - (runnerUp?.[0] ?? 0);
  if (best[0] < 0.3 || margin < 0.1) return undefined;
  const choice = choices[best[1]] as Choice;
  const confidence = Math.min(0.85, 0.35 + best[0] * 0.5 + margin * 0.5);
  return {
    id: choice.id,
    confidence,
    tier: 'classifier',
    reason: `choice "${choice.id}": closest in meaning (similarity ${best[0].toFixed(2)}, margin ${margin.toFixed(2)})`,
  };
}
