import { dateOperator } from './dates';

const NOW = Date.UTC(2026, 10, 21, 12);

export const hasDateLt = dateOperator(
  'has_date_lt',
  'The text contains a date before the given date.',
  ['date'],
  (date, [bound]) => date < bound!,
  [
    { operand: '2026-01-01', args: ['2026-02-01'], expected: { match: true, value: '2026-01-01' } },
    { operand: '2026-02-01', args: ['2026-02-01'], expected: { match: false } },
    { operand: '2026-11-20', args: ['today'], ctx: { now: NOW }, expected: { match: true, value: '2026-11-20' } },
  ],
);
