/**
 * All route operators by name. The validator checks `op` names and arguments against this;
 * the engine's route guards run `test`. Adding an operator: one module with its fixtures, one line here.
 */
import { contains } from './contains';
import { equals } from './equals';
import { expression } from './expression';
import { hasAllWords } from './has-all-words';
import { hasAnyWord } from './has-any-word';
import { hasBeginning } from './has-beginning';
import { hasDate } from './has-date';
import { hasDateGt } from './has-date-gt';
import { hasDateLt } from './has-date-lt';
import { hasEmail } from './has-email';
import { hasEntity } from './has-entity';
import { hasIntent } from './has-intent';
import { hasLocation } from './has-location';
import { hasMedia } from './has-media';
import { hasNumber } from './has-number';
import { hasNumberBetween } from './has-number-between';
import { hasNumberEq } from './has-number-eq';
import { hasNumberGt } from './has-number-gt';
import { hasNumberLt } from './has-number-lt';
import { hasOnlyPhrase } from './has-only-phrase';
import { hasPattern } from './has-pattern';
import { hasPhone } from './has-phone';
import { hasPhrase } from './has-phrase';
import { hasText } from './has-text';
import { isEmpty } from './is-empty';
import { isNo } from './is-no';
import { isYes } from './is-yes';
import type { OperatorArg, OperatorContext, OperatorDef, OperatorResult } from './types';

const ALL: OperatorDef[] = [
  hasAnyWord,
  hasAllWords,
  hasPhrase,
  hasOnlyPhrase,
  hasBeginning,
  hasPattern,
  hasText,
  hasNumber,
  hasNumberBetween,
  hasNumberLt,
  hasNumberGt,
  hasNumberEq,
  hasDate,
  hasDateLt,
  hasDateGt,
  hasEmail,
  hasPhone,
  isYes,
  isNo,
  hasIntent,
  hasEntity,
  hasMedia,
  hasLocation,
  equals,
  contains,
  isEmpty,
  expression,
];

export const operators: Record<string, OperatorDef> = Object.fromEntries(ALL.map((op) => [op.name, op]));

export const operatorNames: readonly string[] = ALL.map((op) => op.name);

/** Why `op(args)` is unusable (unknown operator or bad arguments), or null. Never throws. */
export function checkOperator(op: string, args: readonly unknown[] = []): string | null {
  const def = Object.hasOwn(operators, op) ? operators[op] : undefined;
  if (!def) return `unknown operator "${op}"; known operators: ${operatorNames.join(', ')}`;
  try {
    return def.checkArgs(args);
  } catch (error) {
    return `${op}: arguments could not be checked (${String(error)})`;
  }
}

/** Runs an operator; an unknown operator or a throwing test is a non-match, never a crash. */
export function runOperator(op: string, operand: string, args: readonly OperatorArg[], ctx: OperatorContext): OperatorResult {
  const def = Object.hasOwn(operators, op) ? operators[op] : undefined;
  if (!def) return { match: false };
  try {
    return def.test(operand, args, ctx);
  } catch {
    return { match: false };
  }
}
