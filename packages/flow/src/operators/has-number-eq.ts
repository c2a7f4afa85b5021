import { numberOperator } from './numbers';

export const hasNumberEq = numberOperator(
  'has_number_eq',
  'The text contains exactly this number.',
  ['value'],
  (n, [value]) => n === value,
  [
    { operand: '3', args: [3], expected: { match: true, value: 3 } },
    { operand: '3.0', args: ['3'], expected: { match: true, value: 3 } },
    { operand: '4', args: [3], expected: { match: false } },
  ],
);
