/** Entity extraction: every built-in extractor plus the flow's pattern entities, overlaps resolved. */
import type { EntityDecl } from '@parley/contract';
import type { Entity, EntityType } from '../types';
import { asciiDigits } from '../text/normalize';
import { extractEmails, extractPhones, extractUrls } from './contact';
import { extractCustom } from './custom';
import { dateTimeTriggers, extractDates, extractTimes } from './datetime';
import { localeInfo } from './locale';
import { extractMoney } from './money';
import { extractNumbers } from './numbers';

export interface ExtractOptions {
  /** BCP-47 locale of the user ("en-US", "pt-BR", "de"): number format, date order, phone country. */
  locale?: string;
  /** IANA timezone of the user: what "today" means. */
  timezone?: string;
  /** Reference time (ms or Date); default: the current time. */
  now?: Date | number;
  customEntities?: readonly EntityDecl[];
}

/** Entities are looked for in the first 500 characters: enough for any chat message, and it bounds the regex work. */
export const MAX_ENTITY_CHARS = 500;

/** When two built-in entities overlap, the more specific one wins ("$20" is money, not a number). */
const PRIORITY: Record<EntityType, number> = { email: 0, url: 1, money: 2, date: 3, time: 4, phone: 5, number: 6, custom: 7 };

function resolveOverlaps(entities: Entity[]): Entity[] {
  const ranked = [...entities].sort((a, b) => PRIORITY[a.type] - PRIORITY[b.type] || b.end - b.start - (a.end - a.start));
  const kept: Entity[] = [];
  for (const e of ranked) {
    if (!kept.some((k) => e.start < k.end && k.start < e.end)) kept.push(e);
  }
  return kept;
}

/**
 * "Send $1,234.50 to ana@x.com tomorrow at 3pm" → money, email, date, time.
 * Never throws; text longer than MAX_ENTITY_CHARS is read up to that point.
 */
export function extractEntities(text: string, options: ExtractOptions = {}): Entity[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  // Native digits become ASCII one-for-one, so offsets still point into the original text.
  const source = asciiDigits(text.length > MAX_ENTITY_CHARS ? text.slice(0, MAX_ENTITY_CHARS) : text);
  const locale = localeInfo(options.locale);
  const now = options.now instanceof Date ? options.now : new Date(options.now ?? Date.now());
  // Cheap prechecks skip extractors that cannot match: most messages have no digits, no "@", no date words.
  const digits = source.match(/\d/g)?.length ?? 0;
  const triggers = dateTimeTriggers(source);
  const builtin = resolveOverlaps([
    ...(source.includes('@') ? extractEmails(source) : []),
    ...(/https?:|www\./i.test(source) ? extractUrls(source) : []),
    ...(digits > 0 ? extractMoney(source, locale) : []),
    ...(triggers.size > 0
      ? extractDates(source, { locale, now: Number.isNaN(now.getTime()) ? new Date() : now, timezone: options.timezone }, triggers)
      : []),
    ...(triggers.size > 0 ? extractTimes(source, triggers) : []),
    ...(digits >= 6 ? extractPhones(source, locale) : []),
    ...(digits > 0 ? extractNumbers(source, locale) : []),
  ]);
  // Flow-declared entities are what the author asked for: they coexist with the built-in reading.
  const custom = options.customEntities?.length ? extractCustom(source, options.customEntities) : [];
  return [...builtin, ...custom]
    .map((e) => ({ ...e, text: text.slice(e.start, e.end) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

let warmedUp = false;

/**
 * Regular expressions compile on their first use: run every extractor once, when an
 * understander is created, so that cost lands at flow load instead of on a customer's message.
 */
export function warmUpExtractors(): void {
  if (warmedUp) return;
  warmedUp = true;
  extractEntities(
    'Pay $1,234.50 or 20 EUR to ana@example.com, +1 415 555 2671, https://example.com tomorrow, next friday, ' +
      '21/11, 21 de noviembre, December 3rd, 2026-12-01T10:00, in 3 days at 3pm, 15:30, 15h, noon, a las 5 de la tarde',
    { now: 0 },
  );
}
