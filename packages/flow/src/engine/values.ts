/**
 * Values a node computes from templates (set, http, subflow parameters) and the coercion of
 * text to a variable's declared type. Shared by several node types and by the step driver.
 */
import { evaluate, parseTemplate } from '../expr';
import type { VariableDecl } from '../types';
import { evalOptions, factsOf, render } from './localize';
import type { MachineContext, Turn } from './machine-types';

/** A set/http/llm value keeps its type when it is a single `{{ expression }}`; text otherwise. */
export function valueOf(template: string, context: MachineContext, turn: Turn, flowId: string): { value: unknown; error?: string } {
  const parsed = parseTemplate(template);
  const exprs = parsed.parts.filter((part) => part.kind === 'expr');
  const onlyExpr =
    exprs.length === 1 && parsed.errors.length === 0 && parsed.parts.every((part) => part.kind === 'expr' || !part.text.trim());
  if (onlyExpr && exprs[0]!.kind === 'expr' && exprs[0]!.ast) {
    const result = evaluate(exprs[0]!.ast, factsOf(context, turn, flowId), evalOptions(context, turn));
    return result.error ? { value: null, error: result.error.message } : { value: result.value };
  }
  const rendered = render(template, context, turn, flowId);
  return rendered.errors.length ? { value: rendered.text, error: rendered.errors[0]!.message } : { value: rendered.text };
}

/** Coerces a text value to the variable's declared type ("42" → 42 for a number variable). */
export function coerce(value: unknown, decl: VariableDecl | undefined): unknown {
  if (!decl || typeof value !== 'string') return value;
  if (decl.type === 'number') {
    const n = value.trim() === '' ? NaN : Number(value);
    return Number.isFinite(n) ? n : value;
  }
  if (decl.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/** The frame's variables with `updates` applied (a new object: contexts are never mutated). */
export function withVars(context: MachineContext, updates: Record<string, unknown>): Record<string, unknown> {
  return { ...context.vars, ...updates };
}
