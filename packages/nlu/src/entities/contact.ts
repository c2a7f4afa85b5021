/** Emails, URLs and phone numbers (libphonenumber-js, with the locale's country as default). */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Entity } from '../types';
import type { LocaleInfo } from './locale';
import { limitedMatches } from './matches';

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"']+[^\s<>"'.,;:!?)\]}]/giu;

export function extractEmails(text: string): Entity[] {
  return [...limitedMatches(text, EMAIL)].map((m) => ({
    type: 'email' as const,
    text: m[0],
    value: m[0].toLowerCase(),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

export function extractUrls(text: string): Entity[] {
  return [...limitedMatches(text, URL_PATTERN)].map((m) => ({
    type: 'url' as const,
    text: m[0],
    value: m[0].startsWith('www.') ? `https://${m[0]}` : m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

// A run that looks like a phone number: optional "+", then digits with the usual separators, 7-20 characters.
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}])(?:\+|00)?\(?\d[\d\s().-]{5,18}\d(?![\p{L}\p{N}])/gu;
/**
 * libphonenumber takes ~50 µs a candidate warm and ~200 µs while its code is still cold (most
 * traffic has no phone number): a message with more than a few phone-like runs is not giving us
 * a phone, and the same run written twice is validated once.
 */
const MAX_PHONE_CANDIDATES = 3;

/**
 * Phone numbers, validated by libphonenumber-js with the locale's country as default.
 * Candidates are found by a cheap pattern first; the library's own text scanner costs
 * milliseconds on long digit-heavy messages.
 */
export function extractPhones(text: string, locale: LocaleInfo): Entity[] {
  const out: Entity[] = [];
  const validated = new Map<string, string | undefined>();
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    const written = m[0].trim();
    if ((written.match(/\d/g)?.length ?? 0) < 7) continue;
    if (!validated.has(written)) {
      if (validated.size >= MAX_PHONE_CANDIDATES) break;
      validated.set(written, validatePhone(written, locale));
    }
    const value = validated.get(written);
    if (value) out.push({ type: 'phone', text: written, value, start: m.index, end: m.index + written.length });
  }
  return out;
}

/** The number in E.164, or undefined when it is not a possible phone number here. */
function validatePhone(written: string, locale: LocaleInfo): string | undefined {
  try {
    const number = parsePhoneNumberFromString(written, { defaultCountry: locale.region as CountryCode | undefined, extract: false });
    return number?.isPossible() ? number.number : undefined;
  } catch {
    // An unknown default country must not break extraction of everything else.
    return undefined;
  }
}
