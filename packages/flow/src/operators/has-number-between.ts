import { numberOperator } from './numbers';

export const hasNumberBetween = numberOperator(
  'has_number_between',
  'The text contains a number from min to max (inclusive).',
  ['min', 'max'],
  (n, [min, max]) => n >= min! && n <= max!,
  [
    { operand: '5', args: [1, 10], expected: { match: true, value: 5 } },
    { operand: '10', args: [1, '10'], expected: { match: true, value: 10 } },
    { operand: '11', args: [1, 10], expected: { match: false } },
    { operand: 'my budget is $5,000', args: [1000, 10000], needsNlu: true, expected: { match: true, value: 5000 } },
  ],
);
