import { defineOperator, needsWords, phraseWords, words } from './helpers';

export const hasOnlyPhrase = defineOperator({
  name: 'has_only_phrase',
  description: 'The text is exactly the phrase (ignoring case, accents and punctuation).',
  args: [{ name: 'phrase', type: 'string', description: 'the phrase' }],
  checkArgs: needsWords('has_only_phrase'),
  test(operand, args) {
    return { match: words(operand).join(' ') === phraseWords(args).join(' ') };
  },
  fixtures: [
    { operand: 'Menu!', args: ['menu'], expected: { match: true } },
    { operand: 'show the menu', args: ['menu'], expected: { match: false } },
    { operand: '  Opción  1 ', args: ['opcion 1'], expected: { match: true } },
  ],
});
