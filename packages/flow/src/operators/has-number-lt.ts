import { numberOperator } from './numbers';

export const hasNumberLt = numberOperator(
  'has_number_lt',
  'The text contains a number less than the limit.',
  ['limit'],
  (n, [limit]) => n < limit!,
  [
    { operand: '4.5', args: [5], expected: { match: true, value: 4.5 } },
    { operand: '5', args: [5], expected: { match: false } },
    { operand: '-1', args: [0], expected: { match: true, value: -1 } },
  ],
);
