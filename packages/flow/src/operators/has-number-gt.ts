import { numberOperator } from './numbers';

export const hasNumberGt = numberOperator(
  'has_number_gt',
  'The text contains a number greater than the limit.',
  ['limit'],
  (n, [limit]) => n > limit!,
  [
    { operand: '1000', args: [999], expected: { match: true, value: 1000 } },
    { operand: '999', args: [999], expected: { match: false } },
  ],
);
