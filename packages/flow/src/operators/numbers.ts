/** has_number and its comparisons share one shape: find numbers, keep the first that satisfies. */
import { defineOperator, needsNumbers, numberArg, numbersIn } from './helpers';
import type { OperatorDef, OperatorFixture } from './types';

export function numberOperator(
  name: string,
  description: string,
  argNames: string[],
  accept: (n: number, args: number[]) => boolean,
  fixtures: OperatorFixture[],
): OperatorDef {
  return defineOperator({
    name,
    description,
    args: argNames.map((arg) => ({ name: arg, type: 'number', description: `the ${arg}` })),
    checkArgs:
      argNames.length === 0
        ? (args) => (args.length === 0 ? null : `${name} takes no arguments, got ${args.length}`)
        : needsNumbers(name, argNames.length),
    test(operand, args, ctx) {
      const bounds = args.map(numberArg);
      const hit = numbersIn(operand, ctx).find((n) => accept(n, bounds));
      return hit === undefined ? { match: false } : { match: true, value: hit };
    },
    fixtures,
  });
}
