/** How the Contacts pages write times, counts and consent for a marketer. */
import type { ConsentStatus } from '@parley/contract';

const count = new Intl.NumberFormat('en');

/** 1234 → "1,234". */
export function formatCount(n: number): string {
  return count.format(n);
}

/** "1 contact" / "1,234 contacts". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Each unit is used until the next reads naturally: "9 days ago", not "last week". */
const UNITS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ['minute', MINUTE, HOUR],
  ['hour', HOUR, DAY],
  ['day', DAY, 14 * DAY],
  ['week', 7 * DAY, 60 * DAY],
  ['month', 30 * DAY, 365 * DAY],
  ['year', 365 * DAY, Infinity],
];

/** "3 days ago", "yesterday", "just now"; "Never" without a time. */
export function ago(at: number | undefined, now: number): string {
  if (at === undefined) return 'Never';
  const diff = at - now;
  if (Math.abs(diff) < MINUTE) return 'just now';
  const [unit, ms] = UNITS.find(([, , below]) => Math.abs(diff) < below)!;
  return relative.format(Math.round(diff / ms), unit);
}

/** "12 Mar 2025, 14:05" in the browser's zone: the exact time, for titles and the ledger. */
export function exactTime(at: number): string {
  return new Date(at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export const CONSENT_LABEL: Record<ConsentStatus, string> = {
  opted_in: 'Opted in',
  opted_out: 'Opted out',
  none: 'No consent',
};
