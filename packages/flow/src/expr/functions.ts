/**
 * The function library. Each function declares its arity (checked at parse time) and
 * receives already-evaluated arguments — except `if`, which the evaluator handles lazily.
 */
import { dateAdd, formatDate, formatNumber, todayIn } from './dates';
import {
  EvalFailure,
  asNumber,
  capString,
  charge,
  isTruthy,
  requireNumber,
  toText,
  typeName,
  valuesEqual,
  type EvalContext,
  type Value,
} from './values';

export interface FunctionDef {
  minArgs: number;
  maxArgs: number;
  description: string;
  /** `if` evaluates its arguments itself; its `call` is never used. */
  lazy?: boolean;
  call(args: Value[], ctx: EvalContext, pos: number): Value;
}

function text(value: Value): string {
  return toText(value);
}

function numbersOf(args: Value[], name: string, pos: number): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as Value[]) : args;
  if (list.length === 0) throw new EvalFailure(`${name}() needs at least one number`, pos);
  return list.map((item) => requireNumber(item, `${name}()`, pos));
}

function roundTo(n: number, digits: number, fn: (x: number) => number, name: string, pos: number): number {
  if (!Number.isInteger(digits) || digits < 0 || digits > 10)
    throw new EvalFailure(`${name}() digits must be a whole number from 0 to 10`, pos);
  const factor = 10 ** digits;
  return fn(n * factor) / factor;
}

export const FUNCTIONS: Record<string, FunctionDef> = {
  upper: {
    minArgs: 1,
    maxArgs: 1,
    description: 'text in upper case',
    call: ([v], ctx, pos) => capString(text(v!).toLocaleUpperCase(ctx.locale), ctx, pos),
  },
  lower: {
    minArgs: 1,
    maxArgs: 1,
    description: 'text in lower case',
    call: ([v], ctx, pos) => capString(text(v!).toLocaleLowerCase(ctx.locale), ctx, pos),
  },
  trim: { minArgs: 1, maxArgs: 1, description: 'text without surrounding spaces', call: ([v]) => text(v!).trim() },
  len: {
    minArgs: 1,
    maxArgs: 1,
    description: 'length of a text or a list (0 for nothing)',
    call: ([v]) => (Array.isArray(v) ? v.length : v === null ? 0 : [...text(v!)].length),
  },
  round: {
    minArgs: 1,
    maxArgs: 2,
    description: 'round to the nearest (optionally to N decimals)',
    call: ([v, d], _ctx, pos) =>
      roundTo(requireNumber(v!, 'round()', pos), d === undefined ? 0 : requireNumber(d, 'round()', pos), Math.round, 'round', pos),
  },
  floor: { minArgs: 1, maxArgs: 1, description: 'round down', call: ([v], _ctx, pos) => Math.floor(requireNumber(v!, 'floor()', pos)) },
  ceil: { minArgs: 1, maxArgs: 1, description: 'round up', call: ([v], _ctx, pos) => Math.ceil(requireNumber(v!, 'ceil()', pos)) },
  abs: { minArgs: 1, maxArgs: 1, description: 'absolute value', call: ([v], _ctx, pos) => Math.abs(requireNumber(v!, 'abs()', pos)) },
  min: {
    minArgs: 1,
    maxArgs: 20,
    description: 'smallest of numbers (or of one list)',
    call: (args, _ctx, pos) => Math.min(...numbersOf(args, 'min', pos)),
  },
  max: {
    minArgs: 1,
    maxArgs: 20,
    description: 'largest of numbers (or of one list)',
    call: (args, _ctx, pos) => Math.max(...numbersOf(args, 'max', pos)),
  },
  default: {
    minArgs: 2,
    maxArgs: 2,
    description: 'the value, or the fallback when it is nothing or empty text',
    call: ([v, fallback]) => (v === null || v === '' ? fallback! : v!),
  },
  contains: {
    minArgs: 2,
    maxArgs: 2,
    description: 'text contains text (ignoring case), or list contains item',
    call: ([hay, needle], ctx, pos) => {
      if (Array.isArray(hay)) return hay.some((item) => valuesEqual(item as Value, needle!));
      charge(ctx, Math.ceil(text(hay!).length / 256), pos);
      return text(hay!).toLocaleLowerCase(ctx.locale).includes(text(needle!).toLocaleLowerCase(ctx.locale));
    },
  },
  starts_with: {
    minArgs: 2,
    maxArgs: 2,
    description: 'text starts with text (ignoring case)',
    call: ([hay, prefix], ctx) => text(hay!).toLocaleLowerCase(ctx.locale).startsWith(text(prefix!).toLocaleLowerCase(ctx.locale)),
  },
  join: {
    minArgs: 1,
    maxArgs: 2,
    description: 'list items joined with a separator (default ", ")',
    call: ([list, sep], ctx, pos) => {
      if (!Array.isArray(list)) throw new EvalFailure(`join() expects a list, got ${typeName(list!)}`, pos);
      charge(ctx, list.length, pos);
      return capString(list.map((item) => toText(item as Value)).join(sep === undefined ? ', ' : text(sep)), ctx, pos);
    },
  },
  format_number: {
    minArgs: 1,
    maxArgs: 3,
    description: 'number formatted for a locale, optionally with fixed decimals',
    call: ([v, decimals, locale], ctx, pos) =>
      formatNumber(
        requireNumber(v!, 'format_number()', pos),
        decimals === undefined || decimals === null ? undefined : requireNumber(decimals, 'format_number()', pos),
        locale === undefined || locale === null ? ctx.locale : text(locale),
        pos,
      ),
  },
  money: {
    minArgs: 2,
    maxArgs: 2,
    description: 'an amount with its ISO 4217 currency, for a currency template parameter',
    call: ([amount, currency], _ctx, pos) => {
      const code = text(currency!).trim().toUpperCase();
      if (!/^[A-Z]{3}$/.test(code))
        throw new EvalFailure(`money() needs an ISO 4217 currency code such as "USD", got "${text(currency!)}"`, pos);
      return { amount: requireNumber(amount!, 'money()', pos), currency: code };
    },
  },
  format_date: {
    minArgs: 1,
    maxArgs: 3,
    description: 'date formatted for a locale: style short, medium (default), long, full or iso',
    call: ([v, style, locale], ctx, pos) =>
      formatDate(
        v,
        style === undefined || style === null ? 'medium' : text(style),
        locale === undefined || locale === null ? ctx.locale : text(locale),
        ctx.timezone,
        pos,
      ),
  },
  now: {
    minArgs: 0,
    maxArgs: 0,
    description: 'the current time as an ISO datetime (UTC)',
    call: (_args, ctx) => new Date(ctx.now).toISOString(),
  },
  today: {
    minArgs: 0,
    maxArgs: 0,
    description: "today's date in the session time zone",
    call: (_args, ctx, pos) => todayIn(ctx.now, ctx.timezone, pos),
  },
  date_add: {
    minArgs: 2,
    maxArgs: 3,
    description: 'date plus an amount of minutes, hours, days (default), weeks, months or years',
    call: ([date, amount, unit], _ctx, pos) =>
      dateAdd(date, requireNumber(amount!, 'date_add()', pos), unit === undefined ? 'days' : text(unit), pos),
  },
  number: {
    minArgs: 1,
    maxArgs: 1,
    description: 'the value as a number, or nothing when it is not one',
    call: ([v]) => asNumber(v!) ?? null,
  },
  text: { minArgs: 1, maxArgs: 1, description: 'the value as text', call: ([v], ctx, pos) => capString(text(v!), ctx, pos) },
  if: {
    minArgs: 2,
    maxArgs: 3,
    lazy: true,
    description: 'if(condition, then, else): only the chosen branch is evaluated',
    call: ([cond, a, b]) => (isTruthy(cond!) ? a! : (b ?? null)),
  },
};
