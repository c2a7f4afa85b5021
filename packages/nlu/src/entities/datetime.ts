/**
 * Dates and times relative to the user's locale and timezone: "tomorrow", "next friday",
 * "mañana", "21/11", "21 de noviembre", ISO "2026-11-21T15:00", "3pm", "15h30", "noon".
 * Dates come out as "YYYY-MM-DD" (the user's calendar day), times as "HH:MM".
 */
import type { Entity } from '../types';
import { addDays, daysBetween, isoDate, isoTime, isValidDate, zonedToday, type CalendarDate } from './calendar';
import { normalizeText } from '../text/normalize';
import type { LocaleInfo } from './locale';
import { limitedMatches } from './matches';
import {
  AM_SUFFIXES,
  AT_WORDS,
  DAY_UNITS,
  IN_WORDS,
  MIDNIGHT,
  MONTHS,
  NEXT_SUFFIXES,
  NEXT_WORDS,
  NOON,
  PM_SUFFIXES,
  RELATIVE_DAYS,
  WEEKDAYS,
} from './datetime-words';

const stripAccents = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');

/** Alternation of words and their accent-free spellings, longest first so "pasado mañana" beats "mañana". */
function alternation(words: Iterable<string>): string {
  const all = new Set<string>();
  for (const w of words) {
    all.add(w);
    all.add(stripAccents(w));
  }
  return [...all]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
}

function lookup<T>(table: Record<string, T>, written: string): T | undefined {
  const key = written.toLowerCase().replace(/\s+/g, ' ');
  if (key in table) return table[key];
  const stripped = stripAccents(key);
  for (const [k, v] of Object.entries(table)) if (stripAccents(k) === stripped) return v;
  return undefined;
}

/**
 * The word patterns below are case-sensitive and read a lower-cased copy of the text: the same
 * matches as the flag `i`, and a third to half the cost of compiling them. That cost matters:
 * V8 drops a compiled pattern that has not run for a few garbage collections, so a message with
 * a month name after a long stretch without one pays it again (the weekday alternation of seven
 * languages took 3 ms to compile with `iu`).
 */
function lowerCaseSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  // "İ" lower-cases to two code units: such characters stay as written, so offsets still match the text.
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

const L = String.raw`(?<![\p{L}\p{M}\p{N}])`;
const R = String.raw`(?![\p{L}\p{M}\p{N}])`;
const RELATIVE = new RegExp(`${L}(${alternation(Object.keys(RELATIVE_DAYS))})${R}`, 'gu');
const WEEKDAY = new RegExp(
  `${L}(?:(${alternation(NEXT_WORDS)})\\s+)?(?:(?:el|la|o|a|le|am|on|this|este|esta|esse|essa|ce|diesen|yom|يوم)\\s+)?(${alternation(Object.keys(WEEKDAYS))})(?:\\s+(${alternation(NEXT_SUFFIXES)}))?${R}`,
  'gu',
);
const MONTH_ALT = alternation(Object.keys(MONTHS));
const DAY_MONTH = new RegExp(
  `${L}(\\d{1,2})(?:st|nd|rd|th|\\.|º|er)?\\s+(?:de\\s+)?(${MONTH_ALT})\\.?(?:,?\\s+(?:de\\s+)?(\\d{4}))?${R}`,
  'gu',
);
const MONTH_DAY = new RegExp(`${L}(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?${R}`, 'gu');
const NUMERIC = /(?<![\p{N}/.-])(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\p{N}/-]|\.\d)/gu;
const ISO = /(?<![\p{N}-])(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?(?![\p{N}])/gu;
const IN_N = new RegExp(`${L}(?:${alternation(IN_WORDS)})\\s+(\\d{1,3})\\s+(${alternation(Object.keys(DAY_UNITS))})${R}`, 'gu');

const TIME_12H = /(?<![\p{N}:])(\d{1,2})(?::(\d{2}))?\s?([ap])\.?\s?m\.?(?![\p{L}])/gu;
const TIME_24H = /(?<![\p{N}:.])([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?(?![\p{N}]|\s?[ap]\.?m)/gu;
const TIME_H = /(?<![\p{N}\p{L}])([01]?\d|2[0-3])\s?h(?:([0-5]\d)|rs?)?(?![\p{L}\p{N}])/gu;
const TIME_WORDS = new RegExp(`${L}(${alternation([...NOON, ...MIDNIGHT])})${R}`, 'gu');
const TIME_AT = new RegExp(
  `${L}(?:${alternation(AT_WORDS)})\\s+(\\d{1,2})(?::(\\d{2}))?\\s+(${alternation([...PM_SUFFIXES, ...AM_SUFFIXES])})${R}`,
  'gu',
);

function entity(type: 'date' | 'time', match: RegExpMatchArray, value: string, text: string): Entity {
  const start = match.index ?? 0;
  const end = start + match[0].length;
  return { type, text: text.slice(start, end), value, start, end };
}

/** A day and month without a year: this year, unless that is long past (then next year). */
function nearestYear(today: CalendarDate, month: number, day: number): CalendarDate {
  const thisYear = { year: today.year, month, day };
  return daysBetween(today, thisYear) < -60 ? { year: today.year + 1, month, day } : thisYear;
}

function fullYear(written: string | undefined): number | undefined {
  if (!written) return undefined;
  const n = Number(written);
  return written.length === 2 ? 2000 + n : n;
}

const wordsOf = (phrases: Iterable<string>) => new Set([...phrases].flatMap((phrase) => normalizeText(phrase).split(' ')));
/** Words that can take part in each kind of date or time expression, normalized like message tokens. */
const TRIGGERS = {
  relative: wordsOf(Object.keys(RELATIVE_DAYS)),
  weekday: wordsOf(Object.keys(WEEKDAYS)),
  month: wordsOf(Object.keys(MONTHS)),
  clockWord: wordsOf([...NOON, ...MIDNIGHT]),
  // Only gates for the patterns that end with one of these words ("in 3 days", "at 5 in the evening").
  dayUnit: wordsOf(Object.keys(DAY_UNITS)),
  dayPart: new Set([...PM_SUFFIXES, ...AM_SUFFIXES].map((phrase) => normalizeText(phrase).split(' ').at(-1) as string)),
};
type TriggerKind = keyof typeof TRIGGERS | 'digits';

/** Fast precheck: which kinds of date/time expression could be in the text at all. Each costs a regex pass only when present. */
export function dateTimeTriggers(text: string): Set<TriggerKind> {
  const found = new Set<TriggerKind>();
  if (/\d/.test(text)) found.add('digits');
  for (const word of normalizeText(text).split(' ')) {
    for (const kind of Object.keys(TRIGGERS) as Array<keyof typeof TRIGGERS>) if (TRIGGERS[kind].has(word)) found.add(kind);
  }
  return found;
}

export interface DateContext {
  locale: LocaleInfo;
  now: Date;
  timezone?: string;
}

const NONE: IterableIterator<RegExpMatchArray> = [][Symbol.iterator]();
/** Runs the regex only when its trigger is present: the alternations of a hundred words are the costly part. */
const when = (on: boolean, text: string, re: RegExp) => (on ? limitedMatches(text, re) : NONE);

export function extractDates(text: string, ctx: DateContext, triggers = dateTimeTriggers(text)): Entity[] {
  const today = zonedToday(ctx.now, ctx.timezone);
  const digits = triggers.has('digits');
  const lower = lowerCaseSameLength(text);
  const out: Entity[] = [];
  const push = (match: RegExpMatchArray, date: CalendarDate) => {
    if (isValidDate(date)) out.push(entity('date', match, isoDate(date), text));
  };

  for (const m of when(digits, text, ISO)) {
    push(m, { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
    if (m[4] !== undefined) out.push(entity('time', m, isoTime(Number(m[4]), Number(m[5])), text));
  }
  for (const m of when(triggers.has('relative'), lower, RELATIVE)) {
    const before = text.slice(0, m.index).toLowerCase();
    // "por la mañana" is the morning, "guten Morgen" a greeting: not dates.
    if (/(?:^|\s)(?:la|de|por|esta|guten|heute|in the)\s+$/u.test(before)) continue;
    const offset = lookup(RELATIVE_DAYS, m[1] ?? '');
    if (offset !== undefined) push(m, addDays(today, offset));
  }
  for (const m of when(triggers.has('weekday'), lower, WEEKDAY)) {
    const weekday = lookup(WEEKDAYS, m[2] ?? '');
    if (weekday === undefined) continue;
    const next = m[1] !== undefined || m[3] !== undefined;
    let delta = (weekday - today.weekday + 7) % 7;
    if (delta === 0 && next) delta = 7;
    push(m, addDays(today, delta));
  }
  for (const m of when(digits && triggers.has('month'), lower, DAY_MONTH)) {
    const month = lookup(MONTHS, m[2] ?? '');
    if (month === undefined) continue;
    const year = fullYear(m[3]);
    push(m, year ? { year, month, day: Number(m[1]) } : nearestYear(today, month, Number(m[1])));
  }
  for (const m of when(digits && triggers.has('month'), lower, MONTH_DAY)) {
    const month = lookup(MONTHS, m[1] ?? '');
    if (month === undefined) continue;
    const year = fullYear(m[3]);
    push(m, year ? { year, month, day: Number(m[2]) } : nearestYear(today, month, Number(m[2])));
  }
  for (const m of when(digits, text, NUMERIC)) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    // "1.5" is a number, not a date: dots only count with a year ("21.11.2026").
    if (m[2] === '.' && !m[4]) continue;
    let monthFirst = ctx.locale.monthFirst;
    if (a > 12 && b <= 12) monthFirst = false;
    else if (b > 12 && a <= 12) monthFirst = true;
    const [month, day] = monthFirst ? [a, b] : [b, a];
    const year = fullYear(m[4]);
    push(m, year ? { year, month, day } : nearestYear(today, month, day));
  }
  for (const m of when(digits && triggers.has('dayUnit'), lower, IN_N)) {
    const unit = lookup(DAY_UNITS, m[2] ?? '');
    if (unit !== undefined) push(m, addDays(today, Number(m[1]) * unit));
  }
  return out;
}

export function extractTimes(text: string, triggers = dateTimeTriggers(text)): Entity[] {
  const lower = lowerCaseSameLength(text);
  const out: Entity[] = [];
  const digits = triggers.has('digits');
  for (const m of when(digits, lower, TIME_12H)) {
    const hour = Number(m[1]);
    const minute = Number(m[2] ?? 0);
    if (hour < 1 || hour > 12 || minute > 59) continue;
    const pm = (m[3] ?? '').toLowerCase() === 'p';
    out.push(entity('time', m, isoTime((hour % 12) + (pm ? 12 : 0), minute), text));
  }
  for (const m of when(digits, lower, TIME_24H)) out.push(entity('time', m, isoTime(Number(m[1]), Number(m[2])), text));
  for (const m of when(digits, lower, TIME_H)) out.push(entity('time', m, isoTime(Number(m[1]), Number(m[2] ?? 0)), text));
  for (const m of when(triggers.has('clockWord'), lower, TIME_WORDS)) {
    const word = stripAccents((m[1] ?? '').toLowerCase().replace(/\s+/g, ' '));
    out.push(entity('time', m, NOON.map(stripAccents).includes(word) ? '12:00' : '00:00', text));
  }
  for (const m of when(digits && triggers.has('dayPart'), lower, TIME_AT)) {
    const hour = Number(m[1]);
    const minute = Number(m[2] ?? 0);
    if (hour > 23 || minute > 59) continue;
    const suffix = stripAccents((m[3] ?? '').toLowerCase().replace(/\s+/g, ' '));
    const pm = PM_SUFFIXES.map(stripAccents).includes(suffix) && hour < 12;
    out.push(entity('time', m, isoTime(pm ? hour + 12 : hour === 12 ? 0 : hour, minute), text));
  }
  return out;
}
