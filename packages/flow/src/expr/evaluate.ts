/**
 * Tree-walking evaluator. Every node visit costs one step against the budget; string work
 * costs extra by length. Variables are read through own properties only, so nothing can
 * reach prototypes. Errors become values at the boundary — `evaluate` never throws.
 */
import { DEFAULT_LIMITS, type Expr, type ExprError, type ExprLimits } from './ast';
import { FUNCTIONS } from './functions';
import { parseExpression } from './parser';
import {
  EvalFailure,
  asNumber,
  capString,
  charge,
  compareValues,
  fromHost,
  isTruthy,
  requireNumber,
  toText,
  typeName,
  valuesEqual,
  type EvalContext,
  type Value,
} from './values';

export interface EvalOptions {
  /** Names not found in the scope are read from here. */
  fallback?: Record<string, unknown>;
  now?: number;
  timezone?: string;
  locale?: string;
  limits?: Partial<ExprLimits>;
}

export interface EvalResult {
  value: Value;
  error?: ExprError;
}

export function makeContext(scope: Record<string, unknown>, options: EvalOptions = {}): EvalContext {
  return {
    scope,
    fallback: options.fallback,
    now: options.now ?? Date.now(),
    timezone: options.timezone ?? 'UTC',
    locale: options.locale ?? 'en',
    limits: options.limits ? { ...DEFAULT_LIMITS, ...options.limits } : DEFAULT_LIMITS,
    steps: 0,
  };
}

/** Parsed expressions by source (default limits only): flows evaluate the same few expressions over and over. */
const parsedCache = new Map<string, ReturnType<typeof parseExpression>>();
const PARSED_CACHE_LIMIT = 2_000;

function parseCached(source: string): ReturnType<typeof parseExpression> {
  let parsed = parsedCache.get(source);
  if (!parsed) {
    parsed = parseExpression(source, DEFAULT_LIMITS);
    if (parsedCache.size >= PARSED_CACHE_LIMIT) parsedCache.delete(parsedCache.keys().next().value!);
    parsedCache.set(source, parsed);
  }
  return parsed;
}

/** Parses and evaluates `source` against `scope`. */
export function evaluate(source: string | Expr, scope: Record<string, unknown>, options: EvalOptions = {}): EvalResult {
  const ctx = makeContext(scope, options);
  let ast: Expr;
  if (typeof source === 'string') {
    const parsed = options.limits ? parseExpression(source, ctx.limits) : parseCached(source);
    if (parsed.error) return { value: null, error: parsed.error };
    ast = parsed.ast;
  } else {
    ast = source;
  }
  return evaluateIn(ast, ctx);
}

/** Evaluates a parsed expression with a shared context (templates share one budget). */
export function evaluateIn(ast: Expr, ctx: EvalContext): EvalResult {
  try {
    return { value: evalNode(ast, ctx) };
  } catch (failure) {
    if (failure instanceof EvalFailure) return { value: null, error: { message: failure.message, pos: failure.pos } };
    return { value: null, error: { message: `evaluation failed: ${String(failure)}`, pos: ast.pos } };
  }
}

function readProperty(object: Value, key: string | number): Value {
  if (object === null) return null;
  if (Array.isArray(object)) {
    const index = typeof key === 'number' ? key : /^-?\d+$/.test(key) ? Number(key) : NaN;
    if (Number.isInteger(index)) return fromHost(object[index < 0 ? object.length + index : index]);
    return key === 'length' ? object.length : null;
  }
  if (typeof object === 'object') {
    const name = String(key);
    return Object.hasOwn(object, name) ? fromHost(object[name]) : null;
  }
  if (typeof object === 'string' && key === 'length') return object.length;
  return null;
}

function evalNode(node: Expr, ctx: EvalContext): Value {
  charge(ctx, 1, node.pos);
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'variable':
      if (Object.hasOwn(ctx.scope, node.name)) return fromHost(ctx.scope[node.name]);
      return ctx.fallback && Object.hasOwn(ctx.fallback, node.name) ? fromHost(ctx.fallback[node.name]) : null;
    case 'member':
      return readProperty(evalNode(node.object, ctx), node.property);
    case 'index': {
      const object = evalNode(node.object, ctx);
      const index = evalNode(node.index, ctx);
      if (typeof index !== 'string' && typeof index !== 'number') {
        throw new EvalFailure(`an index must be a number or text, got ${typeName(index)}`, node.pos);
      }
      return readProperty(object, index);
    }
    case 'list': {
      if (node.items.length > ctx.limits.maxListLength)
        throw new EvalFailure(`list is longer than ${ctx.limits.maxListLength} items`, node.pos);
      return node.items.map((item) => evalNode(item, ctx));
    }
    case 'unary': {
      const operand = evalNode(node.operand, ctx);
      return node.op === 'not' ? !isTruthy(operand) : -requireNumber(operand, "'-'", node.pos);
    }
    case 'logical': {
      const left = evalNode(node.left, ctx);
      if (node.op === 'and') return isTruthy(left) ? isTruthy(evalNode(node.right, ctx)) : false;
      return isTruthy(left) ? true : isTruthy(evalNode(node.right, ctx));
    }
    case 'binary':
      return evalBinary(node.op, evalNode(node.left, ctx), evalNode(node.right, ctx), node.pos, ctx);
    case 'call': {
      const fn = FUNCTIONS[node.name];
      if (!fn) throw new EvalFailure(`unknown function '${node.name}'`, node.pos);
      if (fn.lazy) {
        const condition = evalNode(node.args[0]!, ctx);
        const chosen = isTruthy(condition) ? node.args[1] : node.args[2];
        return chosen ? evalNode(chosen, ctx) : null;
      }
      return fn.call(
        node.args.map((arg) => evalNode(arg, ctx)),
        ctx,
        node.pos,
      );
    }
  }
}

function evalBinary(op: string, left: Value, right: Value, pos: number, ctx: EvalContext): Value {
  switch (op) {
    case '+':
      if (typeof left === 'number' && typeof right === 'number') return finite(left + right, pos);
      // A number plus a number written as text ("17" from a reply or an API) is arithmetic.
      if (typeof left === 'number' || typeof right === 'number') {
        const a = asNumber(left);
        const b = asNumber(right);
        if (a !== undefined && b !== undefined) return finite(a + b, pos);
      }
      if (typeof left === 'string' || typeof right === 'string') {
        const total = toText(left).length + toText(right).length;
        if (total > ctx.limits.maxStringLength) {
          throw new EvalFailure(`text result is longer than the limit of ${ctx.limits.maxStringLength} characters`, pos);
        }
        return capString(toText(left) + toText(right), ctx, pos);
      }
      return finite(requireNumber(left, "'+'", pos) + requireNumber(right, "'+'", pos), pos);
    case '-':
      return finite(requireNumber(left, "'-'", pos) - requireNumber(right, "'-'", pos), pos);
    case '*':
      return finite(requireNumber(left, "'*'", pos) * requireNumber(right, "'*'", pos), pos);
    case '/':
    case '%': {
      const divisor = requireNumber(right, `'${op}'`, pos);
      if (divisor === 0) throw new EvalFailure('division by zero', pos);
      const dividend = requireNumber(left, `'${op}'`, pos);
      return finite(op === '/' ? dividend / divisor : dividend % divisor, pos);
    }
    case '==':
      return valuesEqual(left, right);
    case '!=':
      return !valuesEqual(left, right);
    case '<':
      return compareValues(left, right, pos) < 0;
    case '<=':
      return compareValues(left, right, pos) <= 0;
    case '>':
      return compareValues(left, right, pos) > 0;
    case '>=':
      return compareValues(left, right, pos) >= 0;
  }
  throw new EvalFailure(`unknown operator '${op}'`, pos);
}

function finite(n: number, pos: number): number {
  if (!Number.isFinite(n)) throw new EvalFailure('number result is out of range', pos);
  return n;
}
