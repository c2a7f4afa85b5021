import { argWords, defineOperator, needsWords, words } from './helpers';

export const hasAllWords = defineOperator({
  name: 'has_all_words',
  description: 'The text contains every one of the words, in any order.',
  args: [{ name: 'words', type: 'string', description: 'words separated by spaces, or one per argument', variadic: true }],
  checkArgs: needsWords('has_all_words'),
  test(operand, args) {
    const present = new Set(words(operand));
    const wanted = argWords(args);
    return { match: wanted.length > 0 && wanted.every((word) => present.has(word)) };
  },
  fixtures: [
    { operand: 'cancel my order please', args: ['order cancel'], expected: { match: true } },
    { operand: 'cancel it', args: ['order', 'cancel'], expected: { match: false } },
    { operand: 'Café AU lait', args: ['cafe lait'], expected: { match: true } },
  ],
});
