/** has_date and its comparisons. Arguments are calendar dates: "2026-03-01", "today", "today+7", "today-1". */
import { dateAdd, todayIn } from '../expr/dates';
import { EvalFailure } from '../expr/values';
import { defineOperator, entitiesOf } from './helpers';
import type { OperatorContext, OperatorDef, OperatorFixture } from './types';

const DATE_ARG = /^(?:\d{4}-\d{2}-\d{2}|today(?:[+-]\d{1,4})?)$/;

function checkDateArg(name: string, arg: unknown): string | null {
  if (typeof arg !== 'string' || !DATE_ARG.test(arg.trim())) {
    return `${name} needs a date like "2026-03-01", "today", "today+7" or "today-1", got ${JSON.stringify(arg)}`;
  }
  const text = arg.trim();
  if (!text.startsWith('today') && Number.isNaN(Date.parse(`${text}T00:00:00Z`))) return `${name}: "${text}" is not a real date`;
  return null;
}

/** The calendar date an argument stands for, in the session time zone. */
function resolveDateArg(arg: unknown, ctx: Pick<OperatorContext, 'now' | 'timezone'>): string | undefined {
  const text = String(arg).trim();
  try {
    if (!text.startsWith('today')) return text;
    const today = todayIn(ctx.now, ctx.timezone, 0);
    const offset = text.length > 5 ? Number(text.slice(5)) : 0;
    return offset === 0 ? today : dateAdd(today, offset, 'days', 0);
  } catch (failure) {
    if (failure instanceof EvalFailure) return undefined;
    throw failure;
  }
}

/** Calendar dates (YYYY-MM-DD) found in the operand, from date entities. */
function datesIn(operand: string, ctx: OperatorContext): string[] {
  const found: string[] = [];
  for (const entity of entitiesOf(operand, ctx)) {
    if (entity.type === 'date' && typeof entity.value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(entity.value)) {
      found.push(entity.value.slice(0, 10));
    }
  }
  if (found.length === 0 && /^\d{4}-\d{2}-\d{2}$/.test(operand.trim())) found.push(operand.trim());
  return found;
}

export function dateOperator(
  name: string,
  description: string,
  argNames: string[],
  accept: (date: string, bounds: string[]) => boolean,
  fixtures: OperatorFixture[],
): OperatorDef {
  return defineOperator({
    name,
    description,
    args: argNames.map((arg) => ({ name: arg, type: 'date', description: `the ${arg}: "2026-03-01", "today", "today+7"` })),
    checkArgs(args) {
      if (args.length !== argNames.length) return `${name} takes ${argNames.length} date argument(s), got ${args.length}`;
      for (const arg of args) {
        const problem = checkDateArg(name, arg);
        if (problem) return problem;
      }
      return null;
    },
    test(operand, args, ctx) {
      const bounds = args.map((arg) => resolveDateArg(arg, ctx));
      if (bounds.some((bound) => bound === undefined)) return { match: false };
      const hit = datesIn(operand, ctx).find((date) => accept(date, bounds as string[]));
      return hit === undefined ? { match: false } : { match: true, value: hit };
    },
    fixtures,
  });
}
