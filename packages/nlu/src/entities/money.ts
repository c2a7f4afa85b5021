/** Amounts with a currency: "$20", "20 USD", "R$ 1.234,50", "€5", "500 rupees", "20 dólares". */
import type { Entity } from '../types';
import { normalizeText } from '../text/normalize';
import type { LocaleInfo } from './locale';
import { limitedMatches } from './matches';
import { NUMBER_SOURCE, parseLocaleNumber } from './numbers';

const SYMBOLS: Record<string, string | null> = {
  US$: 'USD',
  R$: 'BRL',
  C$: 'CAD',
  A$: 'AUD',
  MX$: 'MXN',
  '€': 'EUR',
  '£': 'GBP',
  '₹': 'INR',
  '¥': 'JPY',
  '₩': 'KRW',
  '₺': 'TRY',
  '₽': 'RUB',
  $: null, // null: the locale's dollar
};
const WORDS: Record<string, string | null> = {
  dollar: null,
  dollars: null,
  bucks: null,
  usd: 'USD',
  dolar: null,
  dolares: null,
  dólar: null,
  dólares: null,
  euro: 'EUR',
  euros: 'EUR',
  eur: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  gbp: 'GBP',
  quid: 'GBP',
  rupee: 'INR',
  rupees: 'INR',
  rs: 'INR',
  inr: 'INR',
  rupaye: 'INR',
  रुपये: 'INR',
  रुपए: 'INR',
  real: 'BRL',
  reais: 'BRL',
  brl: 'BRL',
  peso: 'MXN',
  pesos: 'MXN',
  mxn: 'MXN',
  ars: 'ARS',
  cop: 'COP',
  clp: 'CLP',
  cad: 'CAD',
  aud: 'AUD',
  jpy: 'JPY',
  yen: 'JPY',
  chf: 'CHF',
  franken: 'CHF',
  ريال: 'SAR',
  sar: 'SAR',
  aed: 'AED',
  درهم: 'AED',
  dirham: 'AED',
  dirhams: 'AED',
  جنيه: 'EGP',
  egp: 'EGP',
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SYMBOL_SOURCE = Object.keys(SYMBOLS)
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');
const WORD_SOURCE = Object.keys(WORDS)
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');
const BEFORE = new RegExp(String.raw`(?<![\p{L}])(${SYMBOL_SOURCE}|(?:${WORD_SOURCE})(?=\s?\d))\s?(${NUMBER_SOURCE})(?![\p{N}])`, 'giu');
const AFTER = new RegExp(String.raw`(?<![\p{L}\p{N}.,])(${NUMBER_SOURCE})\s?(${SYMBOL_SOURCE}|(?:${WORD_SOURCE})(?![\p{L}]))`, 'giu');

function currencyOf(unit: string, locale: LocaleInfo): string {
  const key = unit.trim();
  const code = SYMBOLS[key] ?? SYMBOLS[key.toUpperCase()] ?? WORDS[key.toLowerCase()] ?? WORDS[normalizeText(key)];
  if (code) return code;
  if (/^(real|peso|pesos)$/i.test(key)) return key.toLowerCase().startsWith('real') ? 'BRL' : locale.region === 'AR' ? 'ARS' : 'MXN';
  return locale.dollarCurrency;
}

export function extractMoney(text: string, locale: LocaleInfo): Entity[] {
  const out: Entity[] = [];
  for (const match of limitedMatches(text, BEFORE)) {
    const amount = parseLocaleNumber(match[2] ?? '', locale);
    if (amount === undefined) continue;
    out.push({
      type: 'money',
      text: match[0],
      value: { amount, currency: currencyOf(match[1] ?? '', locale) },
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  for (const match of limitedMatches(text, AFTER)) {
    const amount = parseLocaleNumber(match[1] ?? '', locale);
    if (amount === undefined) continue;
    out.push({
      type: 'money',
      text: match[0],
      value: { amount, currency: currencyOf(match[2] ?? '', locale) },
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  return out;
}
