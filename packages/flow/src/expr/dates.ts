/**
 * Date helpers for the expression library. Dates are ISO strings: "2026-03-01" (a calendar
 * date) or a full ISO datetime. Intl formatters are cached because constructing them is slow.
 */
import { EvalFailure } from './values';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const formatterCache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let formatter = formatterCache.get(key);
  if (!formatter) {
    if (formatterCache.size > 200) formatterCache.clear();
    formatter = make();
    formatterCache.set(key, formatter);
  }
  return formatter as T;
}

/** Wraps Intl so a bad locale or time zone becomes a precise error, not a RangeError. */
function intl<T>(what: string, pos: number, make: () => T): T {
  try {
    return make();
  } catch (error) {
    throw new EvalFailure(`${what}: ${error instanceof Error ? error.message : String(error)}`, pos);
  }
}

function isDateOnly(text: string): boolean {
  return DATE_ONLY.test(text);
}

function parseDate(value: unknown, pos: number): { time: number; dateOnly: boolean } {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    const dateOnly = isDateOnly(trimmed);
    const time = Date.parse(dateOnly ? `${trimmed}T00:00:00Z` : trimmed);
    if (!Number.isNaN(time)) return { time, dateOnly };
  }
  if (typeof value === 'number' && Number.isFinite(value)) return { time: value, dateOnly: false };
  throw new EvalFailure(`expected a date such as "2026-03-01", got ${JSON.stringify(value) ?? 'nothing'}`, pos);
}

export function todayIn(now: number, timezone: string, pos: number): string {
  const formatter = intl('today()', pos, () =>
    cached(
      `today:${timezone}`,
      () => new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }),
    ),
  );
  return formatter.format(now);
}

const UNIT_MS: Record<string, number> = {
  minutes: 60_000,
  minute: 60_000,
  hours: 3_600_000,
  hour: 3_600_000,
  days: 86_400_000,
  day: 86_400_000,
  weeks: 604_800_000,
  week: 604_800_000,
};

export function dateAdd(value: unknown, amount: number, unit: string, pos: number): string {
  const { time, dateOnly } = parseDate(value, pos);
  const date = new Date(time);
  if (unit === 'months' || unit === 'month' || unit === 'years' || unit === 'year') {
    const months = unit.startsWith('month') ? amount : amount * 12;
    if (!Number.isInteger(months)) throw new EvalFailure(`date_add() needs a whole number of ${unit}`, pos);
    // Clamp to the month's last day: Jan 31 + 1 month is Feb 28/29, not Mar 3.
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + months);
    const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    date.setUTCDate(Math.min(day, lastDay));
  } else {
    const ms = UNIT_MS[unit];
    if (ms === undefined) {
      throw new EvalFailure(`date_add() unit must be minutes, hours, days, weeks, months or years; got "${unit}"`, pos);
    }
    date.setTime(date.getTime() + amount * ms);
  }
  if (Number.isNaN(date.getTime())) throw new EvalFailure('date_add() result is out of range', pos);
  const iso = date.toISOString();
  return dateOnly && (unit.startsWith('day') || unit.startsWith('week') || unit.startsWith('month') || unit.startsWith('year'))
    ? iso.slice(0, 10)
    : iso;
}

const DATE_STYLES = new Set(['short', 'medium', 'long', 'full']);

export function formatDate(value: unknown, style: string, locale: string, timezone: string, pos: number): string {
  const { time, dateOnly } = parseDate(value, pos);
  if (style === 'iso') return dateOnly ? new Date(time).toISOString().slice(0, 10) : new Date(time).toISOString();
  if (!DATE_STYLES.has(style)) throw new EvalFailure(`format_date() style must be short, medium, long, full or iso; got "${style}"`, pos);
  // Calendar dates have no time of day: format them in UTC so the day never shifts.
  const zone = dateOnly ? 'UTC' : timezone;
  const formatter = intl('format_date()', pos, () =>
    cached(
      `date:${locale}:${style}:${zone}:${dateOnly}`,
      () =>
        new Intl.DateTimeFormat(
          locale,
          dateOnly ? { dateStyle: style as 'short', timeZone: zone } : { dateStyle: style as 'short', timeStyle: 'short', timeZone: zone },
        ),
    ),
  );
  return formatter.format(time);
}

export function formatNumber(value: number, decimals: number | undefined, locale: string, pos: number): string {
  if (decimals !== undefined && (!Number.isInteger(decimals) || decimals < 0 || decimals > 10)) {
    throw new EvalFailure('format_number() decimals must be a whole number from 0 to 10', pos);
  }
  const formatter = intl('format_number()', pos, () =>
    cached(
      `number:${locale}:${decimals ?? 'auto'}`,
      () =>
        new Intl.NumberFormat(
          locale,
          decimals === undefined ? { maximumFractionDigits: 2 } : { minimumFractionDigits: decimals, maximumFractionDigits: decimals },
        ),
    ),
  );
  return formatter.format(value);
}
