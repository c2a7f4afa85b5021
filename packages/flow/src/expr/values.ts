/**
 * Value semantics shared by the evaluator and the function library: coercions,
 * truthiness, display text, and the failure type used inside evaluation.
 */
import type { ExprLimits } from './ast';
import { preview } from './unicode';

export type Value = string | number | boolean | null | Value[] | { [key: string]: unknown };

/** Thrown inside evaluation only; `evaluate` turns it into an error value. */
export class EvalFailure {
  constructor(
    readonly message: string,
    readonly pos: number,
  ) {}
}

export interface EvalContext {
  scope: Record<string, unknown>;
  /** Names not found in `scope` are looked up here (the engine layers session facts over variables without copying them). */
  fallback: Record<string, unknown> | undefined;
  /** Epoch milliseconds used by now()/today(): the engine passes its clock, so results are deterministic. */
  now: number;
  timezone: string;
  locale: string;
  limits: ExprLimits;
  steps: number;
}

export function charge(ctx: EvalContext, cost: number, pos: number): void {
  ctx.steps += cost;
  if (ctx.steps > ctx.limits.maxSteps) {
    throw new EvalFailure(`evaluation exceeded its budget of ${ctx.limits.maxSteps} steps`, pos);
  }
}

/** Normalizes host data (undefined, Date, functions…) into expression values. */
export function fromHost(raw: unknown): Value {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw.toISOString();
  if (Array.isArray(raw)) return raw as Value[];
  if (typeof raw === 'object') return raw as { [key: string]: unknown };
  return null;
}

export function isTruthy(value: Value): boolean {
  if (value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Numbers, and strings that read as a number ("12.50", " 3 "), are numbers. */
export function asNumber(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function requireNumber(value: Value, what: string, pos: number): number {
  const n = asNumber(value);
  if (n === undefined) throw new EvalFailure(`${what} expects a number, got ${typeName(value)}`, pos);
  return n;
}

export function typeName(value: Value): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `text "${preview(value)}"`;
  return `${typeof value} ${String(value)}`;
}

/** How a value reads inside text: null is empty, lists are comma-separated, numbers are plain. */
export function toText(value: Value, depth = 0): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e10) / 1e10);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (depth > 3) return '…';
  if (Array.isArray(value)) return value.map((item) => toText(fromHost(item), depth + 1)).join(', ');
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '[object]';
  }
}

export function capString(text: string, ctx: EvalContext, pos: number): string {
  if (text.length > ctx.limits.maxStringLength) {
    throw new EvalFailure(`text result is longer than the limit of ${ctx.limits.maxStringLength} characters`, pos);
  }
  charge(ctx, Math.ceil(text.length / 256), pos);
  return text;
}

export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  const na = asNumber(a);
  const nb = asNumber(b);
  if ((typeof a === 'number' || typeof b === 'number') && na !== undefined && nb !== undefined) return na === nb;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    try {
      return JSON.stringify(a) === JSON.stringify(b);
    } catch {
      return false;
    }
  }
  return false;
}

export function compareValues(a: Value, b: Value, pos: number): number {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined && (typeof a === 'number' || typeof b === 'number')) return na - nb;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (na !== undefined && nb !== undefined) return na - nb;
  throw new EvalFailure(`cannot compare ${typeName(a)} with ${typeName(b)}`, pos);
}
