import { dateOperator } from './dates';
import { withEntities } from './fixture-helpers';

export const hasDate = dateOperator(
  'has_date',
  'The text contains a date (the NLU reads "tomorrow", "March 3", "3/3"…). The value is YYYY-MM-DD.',
  [],
  () => true,
  [
    { operand: '2026-05-04', args: [], expected: { match: true, value: '2026-05-04' } },
    {
      operand: 'next friday',
      args: [],
      ctx: withEntities('next friday', [{ type: 'date', value: '2026-11-27' }]),
      expected: { match: true, value: '2026-11-27' },
    },
    { operand: 'whenever', args: [], expected: { match: false } },
    {
      operand: 'see you tomorrow',
      args: [],
      ctx: { now: Date.UTC(2026, 10, 21, 12) },
      needsNlu: true,
      expected: { match: true, value: '2026-11-22' },
    },
    {
      operand: 'el 24 de diciembre',
      args: [],
      ctx: { now: Date.UTC(2026, 10, 21, 12), language: 'es' },
      needsNlu: true,
      expected: { match: true, value: '2026-12-24' },
    },
  ],
);
