/**
 * Campaign schedules as instants: a wall-clock time read in a time zone (the campaign's, or each
 * contact's own) and the occurrences of a recurring campaign. Pure; uses the platform's IANA data
 * (Intl), so it agrees with PostgreSQL's `AT TIME ZONE` without a time zone library.
 */
import type { CampaignSchedule } from '@parley/contract';

/** The schedule's time zone value meaning "each contact's own time zone". */
export const CONTACT_TIMEZONE = 'contact';
/** Contacts with no known time zone are read in this one. */
export const FALLBACK_TIMEZONE = 'UTC';
const DAY_MS = 86_400_000;

export interface ScheduleProblem {
  path: string;
  message: string;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of `instant` in `timeZone`, as if it were UTC (ms). */
function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/**
 * The instant a wall-clock time (given as UTC ms of the same digits) happens in `timeZone`. In a
 * spring-forward gap the time does not exist: the instant after the gap is used.
 */
function zonedToInstant(wall: number, timeZone: string): number {
  let guess = wall - (wallClock(wall, timeZone) - wall);
  // Twice: the offset at the first guess may differ from the offset at the answer (a DST change between).
  guess = wall - (wallClock(guess, timeZone) - guess);
  return guess;
}

const AT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DDTHH:mm` → the UTC ms of those digits (null when it is no such time). */
export function parseWall(at: string): number | null {
  const m = AT.exec(at);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const back = new Date(wall);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return wall;
}

function parseTimeOfDay(time: string): number | null {
  const m = TIME.exec(time);
  return m ? (Number(m[1]) * 60 + Number(m[2])) * 60_000 : null;
}

function parseDay(day: string): number | null {
  const m = DATE.exec(day);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(wall).getUTCDate() === Number(m[3]) ? wall : null;
}

export function scheduleProblems(schedule: CampaignSchedule, path = 'schedule'): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (schedule.type === 'now') return problems;
  const tz = schedule.timezone;
  if (tz !== CONTACT_TIMEZONE && !isTimeZone(tz))
    problems.push({ path: `${path}.timezone`, message: `"${tz}" is not an IANA time zone (e.g. America/Sao_Paulo) nor "contact"` });
  if (schedule.type === 'at') {
    if (parseWall(schedule.at) === null)
      problems.push({ path: `${path}.at`, message: `"${schedule.at}" is not a date and time (expected YYYY-MM-DDTHH:mm)` });
    return problems;
  }
  if (parseTimeOfDay(schedule.time) === null)
    problems.push({ path: `${path}.time`, message: `"${schedule.time}" is not a time of day (expected HH:mm, 00:00 to 23:59)` });
  if (schedule.every === 'week' && schedule.weekday === undefined)
    problems.push({ path: `${path}.weekday`, message: 'a weekly campaign needs its weekday (0 = Sunday … 6 = Saturday)' });
  if (schedule.until !== undefined && parseDay(schedule.until) === null)
    problems.push({ path: `${path}.until`, message: `"${schedule.until}" is not a date (expected YYYY-MM-DD)` });
  return problems;
}

/** When a wall-clock time (UTC ms of the digits) happens for a contact in `timeZone`, never before `now`. */
export function dueIn(wall: number, timeZone: string | null | undefined, now: number): number {
  const zone = timeZone && isTimeZone(timeZone) ? timeZone : FALLBACK_TIMEZONE;
  return Math.max(now, zonedToInstant(wall, zone));
}

/** The earliest instant a wall-clock time happens anywhere (UTC+14): a "contact time zone" occurrence starts then. */
const EARLIEST_OFFSET_MS = 14 * 3_600_000;

export interface Occurrence {
  /** The wall clock of the occurrence (UTC ms of the digits), read in each contact's zone or the campaign's. */
  wall: number;
  /** When the runner starts it (the first contact's due time). */
  startsAt: number;
  /** `YYYYMMDD` of the wall clock: names the child campaign. */
  label: string;
}

/**
 * The first occurrence of a recurring schedule whose wall clock is after `after`'s (a wall clock
 * in the schedule's zone, or UTC for "contact"), or null once past `until`.
 */
export function nextOccurrence(schedule: Extract<CampaignSchedule, { type: 'recurring' }>, after: number): Occurrence | null {
  const timeOfDay = parseTimeOfDay(schedule.time);
  if (timeOfDay === null) return null;
  const perContact = schedule.timezone === CONTACT_TIMEZONE;
  const zone = perContact ? FALLBACK_TIMEZONE : schedule.timezone;
  const afterWall = wallClock(after, zone) + (perContact ? EARLIEST_OFFSET_MS : 0);
  const until = schedule.until !== undefined ? parseDay(schedule.until) : null;
  let day = Math.floor(afterWall / DAY_MS) * DAY_MS;
  for (let i = 0; i < 9; i++, day += DAY_MS) {
    const wall = day + timeOfDay;
    if (wall <= afterWall) continue;
    if (schedule.every === 'week' && new Date(day).getUTCDay() !== schedule.weekday) continue;
    if (until !== null && day > until) return null;
    const startsAt = perContact ? wall - EARLIEST_OFFSET_MS : zonedToInstant(wall, zone);
    return { wall, startsAt, label: new Date(day).toISOString().slice(0, 10).replaceAll('-', '') };
  }
  return null;
}
