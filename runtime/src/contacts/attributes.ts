/** Checks of a contact's own attributes (name, language, time zone, tags), each failing with the attribute's path. */
import { ContactInputError } from './fields';

const LANGUAGE = /^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$/;

export function checkName(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed.length > 200) throw new ContactInputError('name', 'a name of at most 200 characters');
  return trimmed || undefined;
}

/** BCP 47-ish as templates spell it: en, es, pt_BR, zh-Hant. */
export function checkLanguage(language: string): string {
  const trimmed = language.trim();
  if (!LANGUAGE.test(trimmed))
    throw new ContactInputError('language', `expected a language code like en, es or pt_BR, got ${JSON.stringify(language)}`);
  return trimmed;
}

/** An IANA zone the platform knows (Intl refuses the others). */
function isTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

export function checkTimezone(zone: string): string {
  const trimmed = zone.trim();
  if (!isTimezone(trimmed))
    throw new ContactInputError('timezone', `expected an IANA time zone like Europe/Madrid, got ${JSON.stringify(zone)}`);
  return trimmed;
}

/** Trimmed, without duplicates (first spelling kept), each 1–64 characters. */
export function checkTags(tags: readonly unknown[]): string[] {
  const out: string[] = [];
  tags.forEach((tag, i) => {
    if (typeof tag !== 'string') throw new ContactInputError(`tags[${i}]`, `expected text, got ${JSON.stringify(tag)}`);
    const trimmed = tag.trim();
    if (!trimmed || trimmed.length > 64) throw new ContactInputError(`tags[${i}]`, 'a tag of 1 to 64 characters');
    if (!out.includes(trimmed)) out.push(trimmed);
  });
  if (out.length > 100) throw new ContactInputError('tags', 'at most 100 tags');
  return out;
}
