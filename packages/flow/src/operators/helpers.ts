/** Shared pieces of the operators: word matching, entity lookup, argument checks. */
import type { Entity } from '@parley/contract';
import { extract, normalize } from './nlu';
import type { OperatorContext, OperatorDef } from './types';

export function words(text: string): string[] {
  const normalized = normalize(text);
  return normalized ? normalized.split(' ') : [];
}

/** Arguments come from the flow and keep their identity: their words are normalized once. */
const argWordsCache = new WeakMap<readonly unknown[], string[]>();

/** Word-list arguments may be one string of words ("buy purchase, order") or several arguments. */
export function argWords(args: readonly unknown[]): string[] {
  let found = argWordsCache.get(args);
  if (!found) {
    found = args.flatMap((arg) => words(String(arg)));
    argWordsCache.set(args, found);
  }
  return found;
}

const phraseCache = new WeakMap<readonly unknown[], string[]>();

/** The words of a phrase argument (the first), normalized once per flow argument list. */
export function phraseWords(args: readonly unknown[]): string[] {
  let found = phraseCache.get(args);
  if (!found) {
    found = words(String(args[0] ?? ''));
    phraseCache.set(args, found);
  }
  return found;
}

export function containsSequence(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Entities of the operand. When the operand is the message the understanding was computed
 * for, its entities are reused (they were extracted with the right locale and the flow's
 * custom entities); otherwise the operand is extracted on its own.
 */
export function entitiesOf(operand: string, ctx: OperatorContext): Entity[] {
  if (ctx.understanding && (ctx.input?.text === undefined || ctx.input.text === operand)) return ctx.understanding.entities;
  return extract(operand, { locale: ctx.language, timezone: ctx.timezone, now: ctx.now, customEntities: ctx.entities });
}

export function firstEntity(operand: string, ctx: OperatorContext, type: Entity['type']): Entity | undefined {
  return entitiesOf(operand, ctx).find((entity) => entity.type === type);
}

/** Numbers in the operand: number and money entities, or the operand itself when it is a plain number. */
export function numbersIn(operand: string, ctx: OperatorContext): number[] {
  // A bare number such as "42" or "-3.5" (typically a variable operand) needs no extractor.
  const trimmed = operand.trim();
  if (/^[-+]?\d+(?:\.\d+)?$/.test(trimmed)) return [Number(trimmed)];
  const found: number[] = [];
  for (const entity of entitiesOf(operand, ctx)) {
    if (entity.type === 'number' && typeof entity.value === 'number') found.push(entity.value);
    if (entity.type === 'money' && entity.value && typeof entity.value === 'object') {
      const amount = (entity.value as { amount?: unknown }).amount;
      if (typeof amount === 'number') found.push(amount);
    }
  }
  return found;
}

export type ArgCheck = (args: readonly unknown[]) => string | null;

export function needsWords(name: string): ArgCheck {
  return (args) => {
    if (args.length === 0) return `${name} needs at least one word`;
    if (args.some((arg) => typeof arg !== 'string')) return `${name} takes words as text`;
    if (argWords(args).length === 0) return `${name} needs at least one word with letters or digits`;
    return null;
  };
}

export function needsNumbers(name: string, count: number): ArgCheck {
  return (args) => {
    if (args.length !== count) return `${name} takes ${count} number(s), got ${args.length}`;
    for (const [i, arg] of args.entries()) {
      const n = typeof arg === 'string' && arg.trim() !== '' ? Number(arg) : arg;
      if (typeof n !== 'number' || !Number.isFinite(n)) return `${name} argument ${i + 1} must be a number, got ${JSON.stringify(arg)}`;
    }
    return null;
  };
}

export function needsNone(name: string): ArgCheck {
  return (args) => (args.length === 0 ? null : `${name} takes no arguments, got ${args.length}`);
}

export function numberArg(arg: unknown): number {
  return typeof arg === 'number' ? arg : Number(arg);
}

/** Compact definition helper so each module reads as its name, meaning, arguments and fixtures. */
export function defineOperator(def: OperatorDef): OperatorDef {
  return def;
}
