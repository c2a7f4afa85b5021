/** Emails, URLs and phone numbers (libphonenumber-js, with the locale's country as default). */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Entity } from '../types';
import type { LocaleInfo } from './locale';

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"']+[^\s<>"'.,;:!?)\]}]/giu;

export function extractEmails(text: string): Entity[] {
  return [...text.matchAll(EMAIL)].map((m) => ({
    type: 'email' as const, text: m[0], value: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length,
  }));
}

export function extractUrls(text: string): Entity[] {
  return [...text.matchAll(URL_PATTERN)].map((m) => ({
    type: 'url' as const, text: m[0], value: m[0].startsWith('www.') ? `https://${m[0]}` : m[0], start: m.index, end: m.index + m[0].length,
  }));
}

// A run that looks like a phone number: optional "+", then digits with the usual separators, 7-20 characters.
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}])(?:\+|00)?\(?\d[\d\s().-]{5,18}\d(?![\p{L}\p{N}])/gu;
/** libphonenumber takes ~50 µs a candidate: a message with more than a few phone-like runs is not giving us a phone. */
const MAX_PHONE_CANDIDATES = 5;

/**
 * Phone numbers, validated by libphonenumber-js with the locale's country as default.
 * Candidates are found by a cheap pattern first; the library's own text scanner costs
 * milliseconds on long digit-heavy messages.
 */
export function extractPhones(text: string, locale: LocaleInfo): Entity[] {
  const out: Entity[] = [];
  let tried = 0;
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    if (tried++ >= MAX_PHONE_CANDIDATES) break;
    const written = m[0].trim();
    if ((written.match(/\d/g)?.length ?? 0) < 7) continue;
    try {
      const number = parsePhoneNumberFromString(written, { defaultCountry: locale.region as CountryCode | undefined, extract: false });
      if (!number || !number.isPossible()) continue;
      out.push({ type: 'phone', text: written, value: number.number, start: m.index, end: m.index + written.length });
    } catch {
      // An unknown default country must not break extraction of everything else.
    }
  }
  return out;
}
