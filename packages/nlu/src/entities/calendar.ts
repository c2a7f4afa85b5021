/** Calendar arithmetic on dates as the user sees them (their timezone), without a date library. */

export interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Creating a DateTimeFormat costs tens of microseconds: one per timezone, reused. Unknown zones read as UTC. */
function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: 'numeric', day: 'numeric' });
    } catch {
      formatter = formatterFor('UTC');
    }
    if (formatters.size > 500) formatters.clear();
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** The user's calendar date and weekday (0 = Sunday) at `now` in `timezone` (IANA); UTC when unknown. */
export function zonedToday(now: Date, timezone?: string): CalendarDate & { weekday: number } {
  const parts = formatterFor(timezone ?? 'UTC').formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const date = { year: get('year'), month: get('month'), day: get('day') };
  return { ...date, weekday: new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() };
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isValidDate(date: CalendarDate): boolean {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return d.getUTCFullYear() === date.year && d.getUTCMonth() + 1 === date.month && d.getUTCDate() === date.day;
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / 86_400_000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isoDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

export function isoTime(hour: number, minute: number): string {
  return `${pad(hour)}:${pad(minute)}`;
}
