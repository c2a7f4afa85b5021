/**
 * A contact's address on its channel, and the bridge between a conversation id and a contact:
 * WhatsApp addresses are E.164 with '+' (the conversation's contact id is the same digits without
 * it, as Meta's wa_id) — or, for a username-only WhatsApp user Meta gives no number for, the
 * business-scoped user id (BSUID, e.g. `US.1234`) as it is; Messenger and Instagram addresses are
 * the scoped ids, as they are.
 */
import type { ContactChannel } from '@parley/contract';
import ct from 'countries-and-timezones';
import { parsePhoneNumberFromString, validatePhoneNumberLength, isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { conversationId, isSafeContactId, parseConversationId, type ConversationId } from '../conversation';

export interface ContactKey {
  tenant: string;
  channel: ContactChannel;
  address: string;
}

/** The contact a conversation is with, or null for the simulator (previews are not contacts). */
export function contactKeyOf(conv: ConversationId): ContactKey | null {
  const { tenant, channel, contactId } = parseConversationId(conv);
  if (channel === 'simulator') return null;
  return { tenant, channel, address: channel === 'whatsapp' && /^\d+$/.test(contactId) ? `+${contactId}` : contactId };
}

/** The conversation with a contact: the inverse of `contactKeyOf`. */
export function conversationOf(tenant: string, channel: ContactChannel, address: string): ConversationId {
  return conversationId(tenant, channel, channel === 'whatsapp' && /^\+\d+$/.test(address) ? address.slice(1) : address);
}

export type NormalizedAddress = { ok: true; address: string; country?: string } | { ok: false; problem: string };

const LENGTH_PROBLEMS: Record<string, string> = {
  TOO_SHORT: 'too short',
  TOO_LONG: 'too long',
  INVALID_LENGTH: 'of a length no number there has',
  NOT_A_NUMBER: 'not a phone number',
  INVALID_COUNTRY: 'not in any country (unknown country calling code)',
};

/**
 * The address as stored: a WhatsApp number in E.164 (`+5511912345678`) from what a person typed
 * ("(11) 91234-5678" with default country BR, "0044 7911 123456", "+1 415-555-2671", or a wa_id's
 * bare digits when no default country is given); a Messenger/Instagram scoped id trimmed. The
 * problem says what is wrong in words an importer can act on.
 */
export function normalizeAddress(channel: ContactChannel, raw: string, defaultCountry?: string): NormalizedAddress {
  const text = raw.trim();
  if (!text) return { ok: false, problem: 'the address is empty' };
  if (channel !== 'whatsapp') {
    if (!isSafeContactId(text))
      return { ok: false, problem: `"${clip(text)}" is not a ${channel} id (expected up to 128 letters, digits and . _ @ + -)` };
    return { ok: true, address: text };
  }
  if (/[a-z]/i.test(text.replace(/^tel:/i, '').replace(/\s*(ext\.?|x)\s*\d+$/i, '')))
    return { ok: false, problem: `"${clip(text)}" is not a phone number (it has letters)` };
  let country: CountryCode | undefined;
  if (defaultCountry !== undefined) {
    const upper = defaultCountry.toUpperCase();
    if (!isSupportedCountry(upper))
      return { ok: false, problem: `"${defaultCountry}" is not a country code (expected ISO 3166 alpha-2, e.g. BR)` };
    country = upper;
  }
  let candidate = text.replace(/^tel:/i, '');
  if (/^00[1-9]/.test(candidate.replace(/[\s().-]/g, ''))) candidate = `+${candidate.replace(/[\s().-]/g, '').slice(2)}`;
  // A wa_id is the number's digits with the country code: without a default country, bare digits are international.
  else if (!country && /^[\d\s().-]+$/.test(candidate)) candidate = `+${candidate.replace(/\D/g, '')}`;
  const where = candidate.startsWith('+') ? undefined : country;
  if (!candidate.startsWith('+') && !where)
    return { ok: false, problem: `"${clip(text)}" has no country code: write it as +<country code><number> or give a default country` };
  const lengthProblem = validatePhoneNumberLength(candidate, where);
  if (lengthProblem) {
    const place = where ? ` for ${where}` : '';
    return { ok: false, problem: `"${clip(text)}" is ${LENGTH_PROBLEMS[lengthProblem] ?? lengthProblem.toLowerCase()}${place}` };
  }
  const parsed = parsePhoneNumberFromString(candidate, where);
  if (!parsed) return { ok: false, problem: `"${clip(text)}" is not a phone number` };
  if (!parsed.isValid()) {
    const place = parsed.country ?? where;
    return {
      ok: false,
      problem: place
        ? `"${clip(text)}" is not a valid ${place} number (no such number range)`
        : `"${clip(text)}" (${parsed.number}) is not a number in use in any country`,
    };
  }
  return { ok: true, address: parsed.number, ...(parsed.country ? { country: parsed.country } : {}) };
}

/** Countries with several zones: the one most of the people live in (the library lists zones alphabetically). */
const MAIN_ZONE: Record<string, string> = {
  US: 'America/New_York',
  CA: 'America/Toronto',
  MX: 'America/Mexico_City',
  BR: 'America/Sao_Paulo',
  AR: 'America/Argentina/Buenos_Aires',
  CL: 'America/Santiago',
  EC: 'America/Guayaquil',
  RU: 'Europe/Moscow',
  UA: 'Europe/Kyiv',
  KZ: 'Asia/Almaty',
  CN: 'Asia/Shanghai',
  MN: 'Asia/Ulaanbaatar',
  ID: 'Asia/Jakarta',
  MY: 'Asia/Kuala_Lumpur',
  AU: 'Australia/Sydney',
  NZ: 'Pacific/Auckland',
  ES: 'Europe/Madrid',
  PT: 'Europe/Lisbon',
  DE: 'Europe/Berlin',
  FR: 'Europe/Paris',
  GB: 'Europe/London',
  CD: 'Africa/Kinshasa',
  PG: 'Pacific/Port_Moresby',
  UZ: 'Asia/Tashkent',
  GL: 'America/Nuuk',
  KI: 'Pacific/Tarawa',
  FM: 'Pacific/Pohnpei',
  PF: 'Pacific/Tahiti',
};

/** The IANA zone of a number's country (its main one when it has several); undefined when unknown. */
export function timezoneForNumber(e164: string): string | undefined {
  const parsed = parsePhoneNumberFromString(e164.startsWith('+') ? e164 : `+${e164}`);
  const country = parsed?.country;
  return country ? timezoneForCountry(country) : undefined;
}

export function timezoneForCountry(country: string): string | undefined {
  const main = MAIN_ZONE[country];
  if (main) return main;
  const zones = ct.getTimezonesForCountry(country, { deprecated: false }) ?? [];
  // A zone shared by several countries is listed under each: prefer one that is this country's own.
  const own = zones.find((z) => z.countries[0] === country);
  return (own ?? zones[0])?.name;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
