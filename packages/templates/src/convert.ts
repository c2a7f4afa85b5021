/**
 * A parameter value → what is sent (text formatted for the language, a media link, a location),
 * or why it cannot be. Compiled once per (parameter, language, place): the renderer calls these
 * per send, the validator checks examples and fallbacks with them (strictly: a number parameter's
 * example must be a number, while a send may pass "2").
 */
import { currencyFormat, dateFormat, numberFormat } from './format';
import { TEMPLATE_LIMITS } from './limits';
import type { ParameterPlace } from './usage';
import type { LocationValue, ParameterSpec } from './types';

export type Converted = { ok: true; text: string; location?: LocationValue } | { ok: false; detail: string };
export type Converter = (value: unknown) => Converted;

/** Meta refuses a text parameter with a newline or tab, or more than four consecutive spaces. */
const TEXT_HYGIENE = /[\n\r\t]| {5,}/;
const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;
const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/** Empty means "no value": undefined, null, or a string with nothing but spaces (the fallback applies). */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function compilePattern(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value instanceof Date) return 'a Date';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}

function fail(name: string, detail: string): Converted {
  return { ok: false, detail: `${name}: ${detail}` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Place-specific limits on the final text (a URL suffix has no spaces, a coupon code is short). */
function placeCheck(name: string, place: ParameterPlace | 'any', text: string): Converted | undefined {
  if (TEXT_HYGIENE.test(text))
    return fail(name, 'a text parameter cannot contain a newline, a tab or more than 4 consecutive spaces (Meta refuses it)');
  if (place === 'url_suffix' && /\s/.test(text)) return fail(name, `a URL suffix cannot contain spaces (got ${describe(text)})`);
  if (place === 'copy_code' && text.length > TEMPLATE_LIMITS.couponCode)
    return fail(name, `a copy code has at most ${TEMPLATE_LIMITS.couponCode} characters (got ${text.length})`);
  return undefined;
}

export function compileConverter(
  name: string,
  spec: ParameterSpec,
  language: string,
  place: ParameterPlace | 'any',
  strict = false,
): Converter {
  const allowed = spec.allowed ? new Set(spec.allowed.map(String)) : undefined;
  const allowedList = spec.allowed?.map((a) => JSON.stringify(a)).join(', ');
  const checkAllowed = (text: string): Converted | undefined =>
    allowed && !allowed.has(text) ? fail(name, `must be one of ${allowedList} (got ${describe(text)})`) : undefined;

  switch (spec.type) {
    case 'text': {
      const pattern = compilePattern(spec.pattern);
      const maxLength = spec.maxLength;
      return (value) => {
        if (typeof value !== 'string' && (strict || (typeof value !== 'number' && typeof value !== 'boolean')))
          return fail(name, `expected text, got ${describe(value)}`);
        const text = String(value);
        if (maxLength !== undefined && text.length > maxLength) return fail(name, `at most ${maxLength} characters (got ${text.length})`);
        if (pattern && !pattern.test(text)) return fail(name, `must match ${spec.pattern} (got ${describe(text)})`);
        return checkAllowed(text) ?? placeCheck(name, place, text) ?? { ok: true, text };
      };
    }
    case 'number': {
      const format = numberFormat(language);
      return (value) => {
        const n = typeof value === 'number' ? value : !strict && typeof value === 'string' && NUMERIC.test(value) ? Number(value) : NaN;
        if (!Number.isFinite(n)) return fail(name, `expected a number, got ${describe(value)}`);
        return checkAllowed(String(n)) ?? { ok: true, text: format.format(n) };
      };
    }
    case 'currency': {
      const fixed = spec.currency;
      return (value) => {
        let amount: number;
        let code: string | undefined = fixed;
        if (typeof value === 'number' || (!strict && typeof value === 'string' && NUMERIC.test(value))) amount = Number(value);
        else if (isRecord(value) && typeof value.amount === 'number') {
          amount = value.amount;
          code = typeof value.currency === 'string' ? value.currency : undefined;
        } else return fail(name, `expected a currency amount {"amount", "currency"} or a number, got ${describe(value)}`);
        if (!Number.isFinite(amount)) return fail(name, 'the amount must be a finite number');
        if (code === undefined) return fail(name, 'a bare number needs the parameter\'s "currency" (an ISO 4217 code)');
        const format = currencyFormat(language, code);
        if (!format) return fail(name, `"${code}" is not an ISO 4217 currency code (such as USD or EUR)`);
        return { ok: true, text: format.format(amount) };
      };
    }
    case 'date_time': {
      const format = dateFormat(language, spec);
      return (value) => {
        if (!format) return fail(name, `unknown time zone "${spec.timeZone}"`);
        const ms =
          typeof value === 'string'
            ? Date.parse(value)
            : typeof value === 'number' && !strict
              ? value
              : value instanceof Date && !strict
                ? value.getTime()
                : NaN;
        if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15)
          return fail(name, `expected an ISO 8601 date such as 2026-12-24 or 2026-12-24T18:30:00Z, got ${describe(value)}`);
        return { ok: true, text: format.format(ms) };
      };
    }
    case 'image':
    case 'video':
    case 'document':
      return (value) =>
        typeof value === 'string' && HTTP_URL.test(value)
          ? { ok: true, text: value }
          : fail(name, `expected an http(s) URL of the ${spec.type}, got ${describe(value)}`);
    case 'location':
      return (value) => {
        if (!isRecord(value)) return fail(name, `expected a location {"latitude", "longitude"}, got ${describe(value)}`);
        const { latitude, longitude } = value;
        if (typeof latitude !== 'number' || typeof longitude !== 'number' || Math.abs(latitude) > 90 || Math.abs(longitude) > 180)
          return fail(name, 'expected latitude in -90…90 and longitude in -180…180');
        const location: LocationValue = { latitude, longitude };
        if (typeof value.name === 'string') location.name = value.name;
        if (typeof value.address === 'string') location.address = value.address;
        return { ok: true, text: [location.name, location.address].filter(Boolean).join(', '), location };
      };
    default:
      return (value) => fail(name, `unknown parameter type, cannot send ${describe(value)}`);
  }
}
