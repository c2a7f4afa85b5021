/** is_yes / is_no: the understanding's polarity when it is for this text, else the NLU lexicon. */
import { polarityOf } from './nlu';
import type { OperatorContext } from './types';

export function polarityFor(operand: string, ctx: OperatorContext): 'yes' | 'no' | undefined {
  const sameText = ctx.input?.text === undefined || ctx.input.text === operand;
  if (ctx.understanding && sameText && ctx.understanding.polarity) return ctx.understanding.polarity;
  return polarityOf(operand, ctx.understanding?.language ?? ctx.language);
}
