import { defineOperator, needsWords, phraseWords, words } from './helpers';

export const hasBeginning = defineOperator({
  name: 'has_beginning',
  description: 'The text starts with the phrase (whole words).',
  args: [{ name: 'phrase', type: 'string', description: 'the opening words' }],
  checkArgs: needsWords('has_beginning'),
  test(operand, args) {
    const text = words(operand);
    const start = phraseWords(args);
    const match = start.length > 0 && start.length <= text.length && start.every((word, i) => text[i] === word);
    return match ? { match, value: text.slice(start.length).join(' ') } : { match: false };
  },
  fixtures: [
    { operand: 'Order 12345 status', args: ['order'], expected: { match: true, value: '12345 status' } },
    { operand: 'my order', args: ['order'], expected: { match: false } },
    { operand: 'orders', args: ['order'], expected: { match: false } },
  ],
});
