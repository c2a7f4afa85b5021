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
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 days ago", "yesterday", "just now"; "Never" without a time. */
export function ago(at: number | undefined, now: number): string {
  if (at === undefined) return 'Never';
  const diff = at - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit);
  }
  return 'just now';
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
