/** Emails, URLs and phone numbers (libphonenumber-js, with the locale's country as default). */
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js';
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

export function extractPhones(text: string, locale: LocaleInfo): Entity[] {
  try {
    const options = locale.region ? { defaultCountry: locale.region as CountryCode } : undefined;
    return findPhoneNumbersInText(text, options)
      .filter((found) => found.number.isPossible())
      .map((found) => ({
        type: 'phone' as const,
        text: text.slice(found.startsAt, found.endsAt),
        value: found.number.number,
        start: found.startsAt,
        end: found.endsAt,
      }));
  } catch {
    // An unknown default country must not break extraction of everything else.
    return [];
  }
}
