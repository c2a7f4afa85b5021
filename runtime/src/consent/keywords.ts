/**
 * STOP and START words: a whole message equal to one (after normalization: case, accents,
 * punctuation, whitespace) opts the person out of marketing or back in, whatever flow is running.
 * Built-in lists cover en, es, pt, fr, de and it; a tenant's config adds its own. Built-in words
 * count for the languages the tenant's flows use (English always: STOP is universal); configured
 * words always count. Words that mean something else in a chat ("cancel", "end", "exit") are left
 * out on purpose: a bot conversation uses them.
 */
import { normalizeText } from '@parley/nlu';
import type { MarketingConfig } from '../config/types';

export type KeywordAction = 'opt_out' | 'opt_in';

const BUILT_IN_OPT_OUT: Record<string, string[]> = {
  en: ['STOP', 'STOP ALL', 'STOPALL', 'UNSUBSCRIBE', 'OPT OUT', 'OPTOUT', 'STOP PROMOTIONS', 'STOP MARKETING'],
  es: ['STOP', 'PARAR', 'BAJA', 'DARME DE BAJA', 'DARSE DE BAJA', 'CANCELAR SUSCRIPCIÓN', 'NO MÁS MENSAJES', 'NO MÁS PROMOCIONES'],
  pt: ['STOP', 'PARAR', 'SAIR', 'CANCELAR INSCRIÇÃO', 'DESCADASTRAR', 'NÃO QUERO MAIS', 'PARAR PROMOÇÕES'],
  fr: ['STOP', 'ARRÊT', 'ARRÊTER', 'DÉSABONNER', 'SE DÉSABONNER', 'DÉSINSCRIRE', 'SE DÉSINSCRIRE'],
  de: ['STOP', 'STOPP', 'ABMELDEN', 'ABBESTELLEN', 'KEINE WERBUNG'],
  it: ['STOP', 'DISISCRIVIMI', 'CANCELLAMI', 'ANNULLA ISCRIZIONE', 'BASTA PROMOZIONI'],
};

const BUILT_IN_OPT_IN: Record<string, string[]> = {
  en: ['START', 'UNSTOP', 'SUBSCRIBE', 'OPT IN'],
  es: ['ALTA', 'DARME DE ALTA', 'SUSCRIBIR', 'SUSCRIBIRME'],
  pt: ['INSCREVER', 'VOLTAR A RECEBER', 'QUERO RECEBER'],
  fr: ['ABONNER', "M'ABONNER", 'REPRENDRE'],
  de: ['ANMELDEN', 'START'],
  it: ['ISCRIVIMI', 'RIPRENDI'],
};

/** The confirmation sent once when the state changed, per language (the contact's, else the word's). */
const BUILT_IN_CONFIRMATIONS: Record<KeywordAction, Record<string, string>> = {
  opt_out: {
    en: "You're unsubscribed: we won't send you marketing messages any more. Reply START to subscribe again.",
    es: 'Listo, te diste de baja: ya no te enviaremos mensajes promocionales. Responde ALTA para volver a suscribirte.',
    pt: 'Pronto, você não vai mais receber mensagens promocionais. Responda INSCREVER para voltar a receber.',
    fr: "C'est noté : vous ne recevrez plus de messages promotionnels. Répondez ABONNER pour vous réabonner.",
    de: 'Erledigt: Sie erhalten keine Werbenachrichten mehr. Antworten Sie ANMELDEN, um sie wieder zu erhalten.',
    it: 'Fatto: non riceverai più messaggi promozionali. Rispondi ISCRIVIMI per iscriverti di nuovo.',
  },
  opt_in: {
    en: "You're subscribed again. Reply STOP at any time to unsubscribe.",
    es: 'Te volviste a suscribir. Responde BAJA cuando quieras para darte de baja.',
    pt: 'Inscrição feita de novo. Responda PARAR a qualquer momento para sair.',
    fr: 'Vous êtes de nouveau abonné. Répondez STOP à tout moment pour vous désabonner.',
    de: 'Sie sind wieder angemeldet. Antworten Sie jederzeit STOP, um sich abzumelden.',
    it: 'Sei di nuovo iscritto. Rispondi STOP in qualsiasi momento per disiscriverti.',
  },
};

/** `pt_BR` → `pt`. */
export function baseLanguage(language: string): string {
  return language.split(/[_-]/)[0]!.toLowerCase();
}

export interface KeywordHit {
  action: KeywordAction;
  /** The language whose list holds the word (base code). */
  language: string;
  /** The message as the person wrote it (the consent's wording). */
  text: string;
}

interface WordIndex {
  /** normalized word → (action, languages it is a word of). */
  builtIn: Map<string, { action: KeywordAction; languages: Set<string> }>;
  configured: Map<string, { action: KeywordAction; language: string }>;
}

const indexes = new WeakMap<MarketingConfig, WordIndex>();

function indexFor(rules: MarketingConfig): WordIndex {
  let index = indexes.get(rules);
  if (index) return index;
  index = { builtIn: new Map(), configured: new Map() };
  const addBuiltIn = (lists: Record<string, string[]>, action: KeywordAction) => {
    for (const [language, words] of Object.entries(lists))
      for (const word of words) {
        const key = normalizeText(word);
        const entry = index!.builtIn.get(key) ?? { action, languages: new Set<string>() };
        entry.languages.add(language);
        index!.builtIn.set(key, entry);
      }
  };
  addBuiltIn(BUILT_IN_OPT_OUT, 'opt_out');
  addBuiltIn(BUILT_IN_OPT_IN, 'opt_in');
  const addConfigured = (lists: Record<string, string[]> | undefined, action: KeywordAction) => {
    for (const [language, words] of Object.entries(lists ?? {}))
      for (const word of words) index!.configured.set(normalizeText(word), { action, language: baseLanguage(language) });
  };
  // Opt-out last: a word configured both ways opts out (the safe reading).
  addConfigured(rules.optInKeywords, 'opt_in');
  addConfigured(rules.optOutKeywords, 'opt_out');
  indexes.set(rules, index);
  return index;
}

/** Cheap, synchronous: could this text be a keyword at all? (no language check yet) */
export function keywordCandidate(text: string | undefined, rules: MarketingConfig): { key: string; action: KeywordAction } | null {
  if (!text || text.length > 60) return null;
  const key = normalizeText(text);
  if (!key) return null;
  const index = indexFor(rules);
  const hit = index.configured.get(key) ?? index.builtIn.get(key);
  return hit ? { key, action: hit.action } : null;
}

/** The keyword the text is, for a tenant whose flows use `languages` (English always counts). */
export function matchKeyword(text: string | undefined, rules: MarketingConfig, languages: Iterable<string>): KeywordHit | null {
  const candidate = keywordCandidate(text, rules);
  if (!candidate) return null;
  const index = indexFor(rules);
  const configured = index.configured.get(candidate.key);
  if (configured) return { action: configured.action, language: configured.language, text: text!.trim() };
  const builtIn = index.builtIn.get(candidate.key)!;
  const wanted = new Set(['en', ...[...languages].map(baseLanguage)]);
  // Prefer a flow language over English for the confirmation ("STOP" from a Spanish-speaking tenant).
  const language = [...builtIn.languages].sort((a, b) => Number(a === 'en') - Number(b === 'en')).find((l) => wanted.has(l));
  return language ? { action: builtIn.action, language, text: text!.trim() } : null;
}

/** The confirmation text: the config's for the language, else the built-in one, else English. */
export function confirmationText(rules: MarketingConfig, action: KeywordAction, languages: Array<string | null | undefined>): string {
  const configured = action === 'opt_out' ? rules.confirmations?.optOut : rules.confirmations?.optIn;
  for (const language of languages) {
    if (!language) continue;
    const exact = configured?.[language] ?? configured?.[baseLanguage(language)];
    if (exact) return exact;
    const builtIn = BUILT_IN_CONFIRMATIONS[action][baseLanguage(language)];
    if (builtIn) return builtIn;
  }
  return configured?.en ?? BUILT_IN_CONFIRMATIONS[action].en!;
}
