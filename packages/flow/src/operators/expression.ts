import { evaluate, parseExpression } from '../expr';
import { isTruthy } from '../expr/values';
import { defineOperator } from './helpers';

export const expression = defineOperator({
  name: 'expression',
  description:
    'A boolean expression over the variables, e.g. "cart.total > 100 and contact.language == \'es\'". The operand is available as `operand`.',
  args: [{ name: 'expression', type: 'expression', description: 'see docs/expressions.md' }],
  checkArgs(args) {
    if (args.length !== 1 || typeof args[0] !== 'string') return 'expression takes exactly one expression as text';
    const parsed = parseExpression(args[0]);
    return parsed.error ? `expression: ${parsed.error.message}` : null;
  },
  test(operand, args, ctx) {
    const scope = { ...ctx.variables, operand };
    const result = evaluate(String(args[0] ?? ''), scope, { now: ctx.now, timezone: ctx.timezone, locale: ctx.language });
    // A failing expression does not match (the engine reports the error separately).
    return result.error ? { match: false, value: result.error.message } : { match: isTruthy(result.value), value: result.value };
  },
  fixtures: [
    { operand: '', args: ['cart.total > 100'], ctx: { variables: { cart: { total: 150 } } }, expected: { match: true, value: true } },
    {
      operand: '',
      args: ['cart.total > 100 and vip'],
      ctx: { variables: { cart: { total: 150 }, vip: false } },
      expected: { match: false, value: false },
    },
    { operand: 'hello', args: ['len(operand) == 5'], expected: { match: true, value: true } },
    { operand: '', args: ['1 / 0'], expected: { match: false, value: 'division by zero' } },
  ],
});
