/**
 * Quiet hours: marketing waits while it is between `start` and `end` (HH:mm) on the contact's own
 * clock. A window may cross midnight (21:00–08:00). Equal start and end: no quiet hours.
 */

const MINUTES_PER_DAY = 24 * 60;

function minutesOf(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `timeZone` (hours, minutes, seconds); an unknown zone reads as UTC. */
function localClock(now: number, timeZone: string): { minute: number; second: number } {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    } catch {
      return localClock(now, 'UTC');
    }
    formatters.set(timeZone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(now).map((p) => [p.type, p.value]));
  return { minute: Number(parts.hour) * 60 + Number(parts.minute), second: Number(parts.second) };
}

/** When the quiet hours around `now` end (Unix ms), or null when it is not quiet now. */
export function quietHoursEnd(now: number, timeZone: string, quiet: { start: string; end: string } | undefined): number | null {
  if (!quiet) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === null || end === null || start === end) return null;
  const { minute, second } = localClock(now, timeZone);
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  const minutesLeft = (end - minute + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  // To the start of the end minute: the send plane re-checks then (a DST jump just holds it once more).
  return now + minutesLeft * 60_000 - second * 1000 - (now % 1000);
}
