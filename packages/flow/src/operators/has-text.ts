import { defineOperator, needsNone } from './helpers';

export const hasText = defineOperator({
  name: 'has_text',
  description: 'There is some text (not only spaces).',
  args: [],
  checkArgs: needsNone('has_text'),
  test(operand) {
    const text = operand.trim();
    return text ? { match: true, value: text } : { match: false };
  },
  fixtures: [
    { operand: ' hello ', args: [], expected: { match: true, value: 'hello' } },
    { operand: '   ', args: [], expected: { match: false } },
  ],
});
