/**
 * One CSV record → the contact row to write, or the problems that keep it out (each naming the
 * row and column and what was expected). A row with any problem is skipped whole: an import never
 * writes half a person.
 */
import type { ContactChannel, CustomFieldDefinition, CustomFieldValue } from '@parley/contract';
import type { ImportProblem } from '@parley/contract/api';
import { normalizeAddress, timezoneForCountry } from '../addresses';
import { checkFieldValue } from '../fields';
import type { MappedColumn } from './mapping';

type ConsentAction = 'opt_in' | 'opt_out';

export interface ImportRow {
  /** The record's row in the file (the header is row 1), as a spreadsheet shows it. */
  row: number;
  address: string;
  name?: string;
  language?: string;
  /** Given in the file: it replaces the stored one. */
  timezone?: string;
  /** From the number's country: used only when the contact has none. */
  timezoneGuess?: string;
  tags?: string[];
  fields?: Record<string, CustomFieldValue>;
  consent?: { marketing?: ConsentAction; utility?: ConsentAction; wording?: string; at: number };
}

export interface RowContext {
  channel: ContactChannel;
  defaultCountry?: string;
  /** The file-level wording (--wording): the text people agreed to when no column gives it. */
  wording?: string;
  fields: ReadonlyMap<string, CustomFieldDefinition>;
  now: number;
}

export type RowResult = { ok: true; row: ImportRow } | { ok: false; problems: ImportProblem[] };

const YES = new Set(['yes', 'y', 'true', '1', 'opted_in', 'opt_in', 'opt-in', 'in']);
const NO = new Set(['no', 'n', 'false', '0', 'opted_out', 'opt_out', 'opt-out', 'out']);
const LANGUAGE = /^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$/;
const TAG_MAX = 64;
const TAGS_MAX = 100;
const NAME_MAX = 200;
/** Consent given more than a day "in the future" is a wrong column, not a clock skew. */
const FUTURE_SLACK_MS = 24 * 3600 * 1000;

export function validateRow(record: readonly string[], rowNo: number, columns: readonly MappedColumn[], ctx: RowContext): RowResult {
  const problems: ImportProblem[] = [];
  const problem = (column: string | undefined, text: string) => problems.push({ row: rowNo, ...(column ? { column } : {}), problem: text });
  const out: Partial<ImportRow> & { row: number } = { row: rowNo };
  const consentCells: { marketing?: [string, string]; utility?: [string, string]; wording?: string; at?: [string, string] } = {};
  let addressColumn = '';
  let country: string | undefined;
  for (const { index, column, attribute } of columns) {
    const raw = record[index] ?? '';
    if (raw.includes('\u0000')) {
      problem(column, 'contains a NUL character (the file is probably not text)');
      continue;
    }
    const value = raw.trim();
    if (attribute === 'address') {
      addressColumn = column;
      const normalized = normalizeAddress(ctx.channel, value, ctx.defaultCountry);
      if (normalized.ok) {
        out.address = normalized.address;
        country = normalized.country;
      } else problem(column, normalized.problem);
      continue;
    }
    if (value === '') continue;
    switch (attribute) {
      case 'name':
        if (value.length > NAME_MAX) problem(column, `a name of at most ${NAME_MAX} characters, got ${value.length}`);
        else out.name = value;
        break;
      case 'language':
        if (LANGUAGE.test(value)) out.language = value;
        else problem(column, `expected a language code like en, es or pt_BR, got "${clip(value)}"`);
        break;
      case 'timezone':
        if (isTimeZone(value)) out.timezone = value;
        else problem(column, `expected an IANA time zone like America/Sao_Paulo, got "${clip(value)}"`);
        break;
      case 'tags': {
        const tags = [
          ...new Set(
            value
              .split(';')
              .map((t) => t.trim())
              .filter((t) => t !== ''),
          ),
        ];
        const long = tags.find((t) => t.length > TAG_MAX);
        if (long !== undefined) problem(column, `a tag of at most ${TAG_MAX} characters, got "${clip(long)}"`);
        else if (tags.length > TAGS_MAX) problem(column, `at most ${TAGS_MAX} tags, got ${tags.length}`);
        else out.tags = tags;
        break;
      }
      case 'consent.marketing':
        consentCells.marketing = [column, value];
        break;
      case 'consent.utility':
        consentCells.utility = [column, value];
        break;
      case 'consent.wording':
        consentCells.wording = value;
        break;
      case 'consent.at':
        consentCells.at = [column, value];
        break;
      default: {
        const key = attribute.slice('fields.'.length);
        const def = ctx.fields.get(key);
        if (!def) break; // resolveMapping only maps defined fields
        const checked = checkFieldValue(def, value);
        if (checked.ok) (out.fields ??= {})[key] = checked.value;
        else problem(column, checked.problem);
      }
    }
  }
  const consent = readConsent(consentCells, ctx, problem);
  if (consent) out.consent = consent;
  if (country && !out.timezone) {
    const guess = countryZone(country);
    if (guess) out.timezoneGuess = guess;
  }
  if (problems.length > 0 || !out.address) {
    if (!out.address && problems.every((p) => p.column !== addressColumn)) problem(addressColumn, 'the address is empty');
    return { ok: false, problems };
  }
  return { ok: true, row: out as ImportRow };
}

function readConsent(
  cells: { marketing?: [string, string]; utility?: [string, string]; wording?: string; at?: [string, string] },
  ctx: RowContext,
  problem: (column: string | undefined, text: string) => void,
): ImportRow['consent'] | undefined {
  const marketing = cells.marketing && consentAction(cells.marketing, problem);
  const utility = cells.utility && consentAction(cells.utility, problem);
  if (!marketing && !utility) return undefined;
  let at = ctx.now;
  if (cells.at) {
    const parsed = parseTime(cells.at[1]);
    if (parsed === undefined)
      problem(
        cells.at[0],
        `expected when consent was given: an ISO date-time (2024-05-01T10:00:00Z) or Unix milliseconds, got "${clip(cells.at[1])}"`,
      );
    else if (parsed > ctx.now + FUTURE_SLACK_MS) problem(cells.at[0], `consent given in the future (${new Date(parsed).toISOString()})`);
    else at = parsed;
  }
  const wording = cells.wording ?? ctx.wording;
  if (marketing === 'opt_in' && !wording)
    problem(
      cells.marketing?.[0],
      'a marketing opt-in needs the words the person agreed to: add a consent.wording column or give the file-level wording (--wording)',
    );
  return { ...(marketing ? { marketing } : {}), ...(utility ? { utility } : {}), ...(wording ? { wording } : {}), at };
}

function consentAction([column, value]: [string, string], problem: (column: string, text: string) => void): ConsentAction | undefined {
  const word = value.toLowerCase();
  if (YES.has(word)) return 'opt_in';
  if (NO.has(word)) return 'opt_out';
  problem(column, `expected yes/no, true/false, 1/0 or opted_in/opted_out, got "${clip(value)}"`);
  return undefined;
}

/** ISO 8601 (a date or a date-time) or Unix milliseconds (10 digits: seconds). */
function parseTime(text: string): number | undefined {
  if (/^\d{1,15}$/.test(text)) {
    const n = Number(text);
    return text.length === 10 ? n * 1000 : n;
  }
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return undefined;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : ms;
}

const countryZones = new Map<string, string | undefined>();

/** The number's country's zone, looked up once per country (an import has 100,000 numbers, a few countries). */
function countryZone(country: string): string | undefined {
  if (!countryZones.has(country)) countryZones.set(country, timezoneForCountry(country));
  return countryZones.get(country);
}

const zones = new Map<string, boolean>();

function isTimeZone(name: string): boolean {
  let known = zones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      known = name.includes('/') || name === 'UTC';
    } catch {
      known = false;
    }
    if (zones.size < 10_000) zones.set(name, known);
  }
  return known;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
