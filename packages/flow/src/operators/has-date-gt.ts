import { dateOperator } from './dates';

const NOW = Date.UTC(2026, 10, 21, 12);

export const hasDateGt = dateOperator(
  'has_date_gt',
  'The text contains a date after the given date.',
  ['date'],
  (date, [bound]) => date > bound!,
  [
    { operand: '2026-12-01', args: ['today+7'], ctx: { now: NOW }, expected: { match: true, value: '2026-12-01' } },
    { operand: '2026-11-25', args: ['today+7'], ctx: { now: NOW }, expected: { match: false } },
    // 23:30 UTC is already the next day in Tokyo.
    {
      operand: '2026-11-21',
      args: ['today'],
      ctx: { now: Date.UTC(2026, 10, 20, 23, 30), timezone: 'Asia/Tokyo' },
      expected: { match: false },
    },
    { operand: 'next friday please', args: ['today+3'], ctx: { now: NOW }, needsNlu: true, expected: { match: true, value: '2026-11-27' } },
  ],
);
