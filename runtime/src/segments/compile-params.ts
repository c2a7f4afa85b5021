/**
 * The pieces every part of the filter compiler shares: the parameter list (values only ever
 * leave as `$n`), the error naming the filter path, and the checks of a condition's value.
 */
import type { CustomFieldDefinition } from '@parley/contract';

/** A filter that cannot be evaluated: `path` is where (`conditions[2].value`), `expected` what would do. */
export class SegmentFilterError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    ...got: [] | [unknown]
  ) {
    super(`${path || 'filter'}: expected ${expected}${got.length === 0 ? '' : `, got ${describe(got[0])}`}`);
    this.name = 'SegmentFilterError';
  }
}

export class Params {
  readonly values: unknown[] = [];
  constructor(private readonly first: number) {}

  /** The placeholder for `value`, with a cast when the driver cannot infer the type. */
  add(value: unknown, cast?: 'text' | 'text[]' | 'numeric' | 'numeric[]' | 'bigint' | 'jsonb'): string {
    this.values.push(value);
    const placeholder = `$${this.first + this.values.length - 1}`;
    return cast ? `${placeholder}::${cast}` : placeholder;
  }
}

export interface CompileScope {
  now: number;
  params: Params;
  fields?: Map<string, CustomFieldDefinition>;
}

export const DAY_MS = 86_400_000;
/** Generous, but keeps a pasted list from becoming a megabyte parameter. */
const MAX_LIST = 1000;
const MAX_DAYS = 36_600;

export function oneOf(values: readonly string[]): string {
  return `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
}

export function needString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new SegmentFilterError(path, 'a non-empty text', value);
  return value;
}

export function needNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new SegmentFilterError(path, 'a number', value);
  return value;
}

export function needBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new SegmentFilterError(path, 'true or false', value);
  return value;
}

export function needDays(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_DAYS) {
    throw new SegmentFilterError(path, `a number of days (more than 0, at most ${MAX_DAYS})`, value);
  }
  return value;
}

export function needList<T>(value: unknown, path: string, item: (v: unknown, at: string) => T): T[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST) {
    throw new SegmentFilterError(path, `a list of 1 to ${MAX_LIST} values`, value);
  }
  return value.map((v, i) => item(v, `${path}[${i}]`));
}

/** One text or a list of texts (tags). */
export function needStrings(value: unknown, path: string): string[] {
  return Array.isArray(value) ? needList(value, path, needString) : [needString(value, path)];
}

/** LIKE treats % _ and \ specially: the person typed them literally. */
export function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
