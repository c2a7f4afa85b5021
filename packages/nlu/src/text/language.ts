/**
 * Language of one message. Scripts settle Arabic and Devanagari at once; for Latin
 * script, distinctive function words decide short texts (franc is unreliable under
 * ~25 characters) and franc-min, restricted to the candidate languages, decides longer
 * ones. Romanised Hindi ("mujhe madad chahiye") is recognised as Hindi.
 */
import { francAll } from 'franc-min';
import { countChars, normalizeText } from './normalize';

const ISO3: Record<string, string> = {
  en: 'eng',
  es: 'spa',
  pt: 'por',
  fr: 'fra',
  de: 'deu',
  ar: 'arb',
  hi: 'hin',
  it: 'ita',
  nl: 'nld',
  tr: 'tur',
  id: 'ind',
  ru: 'rus',
};
const ISO1 = Object.fromEntries(Object.entries(ISO3).map(([k, v]) => [v, k]));
const DEFAULT_CANDIDATES = ['en', 'es', 'pt', 'fr', 'de', 'ar', 'hi'];

const FUNCTION_WORDS: Record<string, string> = {
  en: 'the is are my i you what where how want please to and of it can yes no thanks thank hello hi hey would like need with this that do does did have has was were will your for',
  es: 'el la los las que y quiero mi por favor gracias hola donde como para con una un si es estoy necesito tengo puedo pedido ayuda',
  pt: 'o os as que e quero meu minha por favor obrigado obrigada ola oi onde como para com uma um sim nao voce estou preciso tenho posso',
  fr: 'le la les que et je veux mon ma mes merci bonjour est ou comment pour avec une un oui non vous suis besoin ai peux commande aide',
  de: 'der die das und ich mochte mein meine bitte danke hallo ist wo wie fur mit eine ein ja nein nicht sie bin brauche habe kann',
  hi: 'hai mera meri mujhe kya nahi nahin haan kaise kahan chahiye karo aap ka ki ke se bhai ji hain mein tum kab kyu kuch',
};
const WORD_LANGUAGES = new Map<string, string[]>();
for (const [language, words] of Object.entries(FUNCTION_WORDS)) {
  for (const word of words.split(' ')) WORD_LANGUAGES.set(word, [...(WORD_LANGUAGES.get(word) ?? []), language]);
}

export interface LanguageOptions {
  /** Languages to choose from (the flow's languages); default en, es, pt, fr, de, ar, hi. */
  candidates?: readonly string[];
}

/** franc's runner-up score (relative to the best, 1) above which the trigrams are too close to call. */
const FRANC_UNSURE = 0.75;

const NOT_ARABIC = /[^\p{Script=Arabic}]+/gu;
const NOT_DEVANAGARI = /[^\p{Script=Devanagari}]+/gu;
const NOT_LATIN = /[^\p{Script=Latin}]+/gu;

const base = (code: string) => code.toLowerCase().split(/[-_]/)[0] as string;

/** ISO 639-1 code of the message's language, or undefined when the text says too little. */
export function detectLanguage(text: string, options: LanguageOptions = {}): string | undefined {
  if (typeof text !== 'string' || !text.trim()) return undefined;
  const candidates = [...new Set((options.candidates?.length ? options.candidates : DEFAULT_CANDIDATES).map(base))];
  const sample = text.slice(0, 1000);
  const arabic = countChars(sample, NOT_ARABIC);
  const devanagari = countChars(sample, NOT_DEVANAGARI);
  const latin = countChars(sample, NOT_LATIN);
  if (arabic > latin && arabic >= devanagari) return 'ar';
  if (devanagari > latin) return 'hi';
  if (latin === 0) return undefined;

  const votes = new Map<string, number>();
  for (const token of normalizeText(sample).split(' ')) {
    for (const language of WORD_LANGUAGES.get(token) ?? []) {
      if (candidates.includes(language)) votes.set(language, (votes.get(language) ?? 0) + 1);
    }
  }
  const ranked = [...votes].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  const voteWinner = first && (!second || first[1] > second[1]) ? first[0] : undefined;

  const latinCandidates = candidates.filter((c) => c !== 'ar' && c !== 'hi' && ISO3[c]).map((c) => ISO3[c] as string);
  const decisive = voteWinner && first && first[1] >= 2 && (!second || first[1] >= second[1] + 2);
  if (decisive) return voteWinner;
  if (sample.length >= 25 && latinCandidates.length > 1) {
    // Trigram statistics cost grows with length; 300 characters say enough about the language.
    const [best, runnerUp] = francAll(sample.slice(0, 300), { only: latinCandidates, minLength: 10 });
    // franc's scores are relative to the best: a runner-up this close means the trigrams cannot tell
    // ("do you have a coupon code?" scores Spanish 1, English 0.83); then the function words decide, or nothing does.
    const unsure = runnerUp !== undefined && runnerUp[1] >= FRANC_UNSURE;
    const francWinner = best && best[0] !== 'und' && !unsure ? ISO1[best[0]] : undefined;
    return francWinner ?? voteWinner;
  }
  if (latinCandidates.length === 1 && !voteWinner) return base(candidates.find((c) => ISO3[c] === latinCandidates[0]) ?? '') || undefined;
  return voteWinner;
}
