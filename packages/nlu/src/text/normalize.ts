/**
 * Text normalization shared by every text tier: rules, lexicons, the classifier.
 * It is lossy on purpose (it is for matching, never for display or entity values).
 */

/** Work on huge inputs is capped: nobody types more than this in a chat message that we need to read. */
export const MAX_ANALYZED_CHARS = 2000;

// Emoji and their modifiers (skin tones, variation selectors, zero-width joiners, keycaps).
const EMOJI = /\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\u{FE0E}|\u{FE0F}|\u{200D}|\u{20E3}|[\u{1F1E6}-\u{1F1FF}]/gu;
// Latin/Greek/Cyrillic combining diacritics only: Devanagari and Arabic marks carry meaning.
const LATIN_DIACRITICS = /[\u0300-\u036f]/g;
// Arabic short vowels (harakat), superscript alef and tatweel: optional in writing.
const ARABIC_OPTIONAL = /[\u064b-\u065f\u0670\u0640]/g;
const ARABIC_ALEF = /[\u0622\u0623\u0625\u0671]/g;
// Any letter repeated 3+ times is an elongation ("yesss", "noooo", "pleeease").
const ELONGATION = /(\p{L})\1{2,}/gu;
// Apostrophes inside words are dropped ("don't" → "dont") rather than splitting the word.
const APOSTROPHE = /(\p{L})['’`´](?=\p{L})/gu;
// Anything that is neither a letter, a mark nor a digit separates words.
const SEPARATOR = /[^\p{L}\p{M}\p{N}]+/gu;

const NATIVE_DIGITS: Array<[number, number]> = [
  [0x0660, 0x0669], // Arabic-Indic
  [0x06f0, 0x06f9], // Extended Arabic-Indic (Persian, Urdu)
  [0x0966, 0x096f], // Devanagari
];

/** Arabic-Indic and Devanagari digits → ASCII, one UTF-16 unit for one, so offsets are preserved. */
export function asciiDigits(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const range = NATIVE_DIGITS.find(([lo, hi]) => code >= lo && code <= hi);
    out += range ? String(code - range[0]) : ch;
  }
  return out;
}

// One message is normalized by several tiers in a row (polarity, rules, language, sentiment, features),
// some on a prefix of it (language 1,000 characters, entities 500) and the money extractor on
// currency words in between: remembering the last few answers makes the repeats free.
const RECENT = 4;
const recentInputs: string[] = [];
const recentOutputs: string[] = [];

/**
 * Lower-case, strip Latin diacritics and optional Arabic marks, drop emoji and
 * punctuation, collapse elongations ("yesss" → "yes") and whitespace.
 * "¡¡Sííí, CLARO!! 👍" → "si claro".
 */
export function normalizeText(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  const hit = recentInputs.indexOf(text);
  if (hit >= 0) return recentOutputs[hit] as string;
  const capped = text.length > MAX_ANALYZED_CHARS ? text.slice(0, MAX_ANALYZED_CHARS) : text;
  const output = normalizeUncached(capped);
  if (recentInputs.length >= RECENT) {
    recentInputs.pop();
    recentOutputs.pop();
  }
  recentInputs.unshift(text);
  recentOutputs.unshift(output);
  return output;
}

function normalizeUncached(capped: string): string {
  return asciiDigits(capped)
    .replace(EMOJI, ' ')
    .normalize('NFD')
    .replace(LATIN_DIACRITICS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(ARABIC_OPTIONAL, '')
    .replace(ARABIC_ALEF, '\u0627')
    .replace(/\u0649/g, '\u064a') // alef maqsura written for yeh
    .replace(/ß/g, 'ss')
    .replace(ELONGATION, '$1')
    .replace(APOSTROPHE, '$1')
    .replace(SEPARATOR, ' ')
    .trim();
}

/** Normalized words of a text. */
export function tokenize(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized ? normalized.split(' ') : [];
}

/** Remove doubled letters ("yess" → "yes", "noo" → "no") as a second chance for lexicon lookups. */
export function collapseDoubles(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

/** True when the text has visible content that is only emoji (and spaces/punctuation). */
export function isEmojiOnly(text: string): boolean {
  if (!text) return false;
  return /\p{Extended_Pictographic}/u.test(text) && normalizeText(text) === '';
}

/**
 * How many characters (code points) of `text` are not matched by `others`, a global
 * pattern for everything else ("/[^\p{Lu}]+/gu" counts upper-case letters). Unlike
 * `text.match(/\p{Lu}/gu).length` it builds no array of one string per character.
 */
export function countChars(text: string, others: RegExp): number {
  const kept = text.replace(others, '');
  let count = 0;
  // A character outside the BMP is two UTF-16 units: count the first only.
  for (let i = 0; i < kept.length; i++) {
    const unit = kept.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) count++;
  }
  return count;
}
