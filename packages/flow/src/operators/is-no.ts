import { understood } from './fixture-helpers';
import { defineOperator, needsNone } from './helpers';
import { polarityFor } from './polarity';

export const isNo = defineOperator({
  name: 'is_no',
  description: 'The reply means no, in any supported language ("nope", "de jeito nenhum", "nahi", "👎").',
  args: [],
  checkArgs: needsNone('is_no'),
  test(operand, _args, ctx) {
    return { match: polarityFor(operand, ctx) === 'no' };
  },
  fixtures: [
    { operand: 'nah', args: [], ctx: { understanding: understood({ polarity: 'no' }) }, expected: { match: true } },
    { operand: 'ok', args: [], ctx: { understanding: understood({ polarity: 'yes' }) }, expected: { match: false } },
    { operand: 'no, thanks', args: [], needsNlu: true, expected: { match: true } },
    { operand: 'nein danke', args: [], ctx: { language: 'de' }, needsNlu: true, expected: { match: true } },
  ],
});
