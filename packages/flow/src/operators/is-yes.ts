import { understood } from './fixture-helpers';
import { defineOperator, needsNone } from './helpers';
import { polarityFor } from './polarity';

export const isYes = defineOperator({
  name: 'is_yes',
  description: 'The reply means yes, in any supported language ("sure", "claro", "نعم", "👍").',
  args: [],
  checkArgs: needsNone('is_yes'),
  test(operand, _args, ctx) {
    return { match: polarityFor(operand, ctx) === 'yes' };
  },
  fixtures: [
    { operand: 'yeah sure', args: [], ctx: { understanding: understood({ polarity: 'yes' }) }, expected: { match: true } },
    { operand: 'nope', args: [], ctx: { understanding: understood({ polarity: 'no' }) }, expected: { match: false } },
    { operand: 'claro que sí', args: [], ctx: { language: 'es' }, needsNlu: true, expected: { match: true } },
    { operand: '👍', args: [], needsNlu: true, expected: { match: true } },
    { operand: 'not sure', args: [], needsNlu: true, expected: { match: false } },
  ],
});
