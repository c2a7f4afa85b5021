/**
 * Yes/no reading of a reply and the built-in cancel/agent/stop/help lexicons.
 * Pure and synchronous: the engine's is_yes / is_no operators call it per message.
 */
import {
  BUILTIN_INTENTS,
  LEXICONS,
  MAX_PHRASE_WORDS,
  NO_EMOJI,
  YES_EMOJI,
  type BuiltinIntent,
  type LexiconKind,
  type LexiconLanguage,
} from './lexicons';
import { collapseDoubles, normalizeText } from './normalize';

export type Polarity = 'yes' | 'no';

/** First words of every phrase per lexicon: most tokens start no phrase, and are rejected with one lookup. */
const FIRST_WORDS = Object.fromEntries(
  Object.entries(LEXICONS).map(([kind, lexicon]) => [kind, new Set([...lexicon.keys()].map((p) => p.split(' ')[0] as string))]),
) as Record<LexiconKind, Set<string>>;

/** Longest phrase of `kind` starting at token `from`: its length in words, 0 when none. */
function phraseAt(tokens: string[], from: number, kind: LexiconKind): number {
  const first = tokens[from];
  if (first === undefined || (!FIRST_WORDS[kind].has(first) && !FIRST_WORDS[kind].has(collapseDoubles(first)))) return 0;
  const lexicon = LEXICONS[kind];
  const maxWords = Math.min(MAX_PHRASE_WORDS, tokens.length - from);
  for (let words = maxWords; words >= 1; words--) {
    const slice = tokens.slice(from, from + words);
    if (lexicon.has(slice.join(' ')) || lexicon.has(slice.map(collapseDoubles).join(' '))) return words;
  }
  return 0;
}

function languagesOf(phrase: string, kind: LexiconKind): Set<LexiconLanguage> | undefined {
  return LEXICONS[kind].get(phrase) ?? LEXICONS[kind].get(phrase.split(' ').map(collapseDoubles).join(' '));
}

function baseLanguage(language?: string): string | undefined {
  return language?.toLowerCase().split(/[-_]/)[0];
}

function emojiPolarity(fullText: string): Polarity | undefined {
  const text = fullText.slice(0, 2000);
  const yes = YES_EMOJI.some((e) => text.includes(e));
  const no = NO_EMOJI.some((e) => text.includes(e));
  return yes === no ? undefined : yes ? 'yes' : 'no';
}

/**
 * "yes please" → yes, "nope" → no, "claro" → yes, "نعم" → yes, "haan" → yes,
 * "nahi" → no, "👍" → yes, "not sure" → undefined, "yes… no" → undefined.
 * A leading yes/no phrase decides ("no, I said tomorrow" → no); a short reply
 * (≤ 4 words) may carry it anywhere ("ok then yes"). `language` breaks ties for
 * words that mean different things in different languages.
 */
export function polarity(text: string, language?: string): Polarity | undefined {
  if (typeof text !== 'string' || text.length === 0) return undefined;
  const tokens = normalizeText(text).split(' ').filter(Boolean);
  if (tokens.length === 0) return emojiPolarity(text);
  const lang = baseLanguage(language);

  // Leading phrase: the longest of yes / no / neutral wins ("of course not" beats "of course").
  const lead = { yes: phraseAt(tokens, 0, 'yes'), no: phraseAt(tokens, 0, 'no'), neutral: phraseAt(tokens, 0, 'neutral') };
  if (lead.neutral >= lead.yes && lead.neutral >= lead.no && lead.neutral > 0) return undefined;
  let decided: Polarity | undefined;
  let consumed = 0;
  if (lead.yes > 0 && lead.yes === lead.no) {
    // Same phrase in both lexicons (different languages): the message language decides.
    const phrase = tokens.slice(0, lead.yes).join(' ');
    const yesHere = lang ? languagesOf(phrase, 'yes')?.has(lang as LexiconLanguage) : false;
    const noHere = lang ? languagesOf(phrase, 'no')?.has(lang as LexiconLanguage) : false;
    if (yesHere === noHere) return undefined;
    decided = yesHere ? 'yes' : 'no';
    consumed = lead.yes;
  } else if (lead.yes > lead.no) {
    decided = 'yes';
    consumed = lead.yes;
  } else if (lead.no > 0) {
    decided = 'no';
    consumed = lead.no;
  }

  if (decided) {
    // "yes no", "no… yes": a contradiction right after the answer cancels it.
    const opposite: LexiconKind = decided === 'yes' ? 'no' : 'yes';
    for (let i = consumed; i < Math.min(tokens.length, consumed + 3); i++) {
      if (phraseAt(tokens, i, opposite) > 0 && tokens.length - consumed <= 3) return undefined;
    }
    const emoji = emojiPolarity(text);
    return emoji && emoji !== decided ? undefined : decided;
  }

  if (tokens.length > 4) return emojiPolarity(text);
  let found: Polarity | undefined;
  for (let i = 1; i < tokens.length; i++) {
    if (phraseAt(tokens, i, 'neutral') > 0) return undefined;
    const here: Polarity | undefined = phraseAt(tokens, i, 'yes') > 0 ? 'yes' : phraseAt(tokens, i, 'no') > 0 ? 'no' : undefined;
    if (here && found && here !== found) return undefined;
    found = here ?? found;
  }
  return found ?? emojiPolarity(text);
}

export interface LexiconMatch {
  kind: BuiltinIntent;
  phrase: string;
  /** The whole message is the phrase (modulo fillers), not just part of it. */
  exact: boolean;
}

/** Politeness and "I want to" around a command do not make it less of a command. */
const FILLER_PHRASES = [
  'please',
  'pls',
  'plz',
  'por favor',
  'porfa',
  'favor',
  's il vous plait',
  'svp',
  'bitte',
  'من فضلك',
  'لو سمحت',
  'kripya',
  'कृपया',
  'now',
  'ahora',
  'agora',
  'maintenant',
  'jetzt',
  'abhi',
  'i want to',
  'i would like to',
  'id like to',
  'can i',
  'i need to',
  'let me',
  'quiero',
  'quisiera',
  'quero',
  'gostaria de',
  'je veux',
  'je voudrais',
  'ich will',
  'ich mochte',
  'ich möchte',
  'أريد',
  'اريد',
  'mujhe',
  'muje',
  'karna hai',
  'hai',
  'ok',
  'just',
]
  .map((p) => normalizeText(p).split(' '))
  .sort((a, b) => b.length - a.length);

function stripFillers(tokens: string[]): string[] {
  let out = tokens;
  for (let changed = true; changed && out.length > 0;) {
    changed = false;
    for (const filler of FILLER_PHRASES) {
      if (filler.length < out.length && filler.every((w, i) => out[i] === w)) {
        out = out.slice(filler.length);
        changed = true;
      }
      const tail = out.length - filler.length;
      if (tail > 0 && filler.every((w, i) => out[tail + i] === w)) {
        out = out.slice(0, tail);
        changed = true;
      }
    }
  }
  return out;
}

/** Stop and cancel are only honoured as (nearly) the whole message: "the bus stop" is no opt-out. */
const WHOLE_MESSAGE_ONLY: ReadonlySet<BuiltinIntent> = new Set(['stop', 'cancel']);
/** Contained agent/help phrases count only in short messages; a long one is about something else. */
const MAX_WORDS_FOR_CONTAINED = 10;

/**
 * Which built-in lexicon (cancel / agent / stop / help) the text reads as, if any.
 * "cancel" → cancel; "I want to talk to a human" → agent; "STOP" → stop; "ayuda" → help.
 */
export function matchBuiltinLexicon(text: string): LexiconMatch | undefined {
  if (typeof text !== 'string') return undefined;
  const all = normalizeText(text).split(' ').filter(Boolean);
  const tokens = stripFillers(all);
  if (tokens.length === 0) return undefined;
  const whole = tokens.join(' ');
  for (const kind of BUILTIN_INTENTS) {
    if (languagesOf(whole, kind)) return { kind, phrase: whole, exact: true };
  }
  if (all.length > MAX_WORDS_FOR_CONTAINED) return undefined;
  let best: LexiconMatch | undefined;
  for (const kind of BUILTIN_INTENTS) {
    if (WHOLE_MESSAGE_ONLY.has(kind)) continue;
    for (let i = 0; i < all.length; i++) {
      const words = phraseAt(all, i, kind);
      if (words > 0 && (!best || words > best.phrase.split(' ').length)) {
        best = { kind, phrase: all.slice(i, i + words).join(' '), exact: false };
      }
    }
  }
  return best;
}
