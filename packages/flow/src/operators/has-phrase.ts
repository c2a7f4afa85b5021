import { containsSequence, defineOperator, needsWords, phraseWords, words } from './helpers';

export const hasPhrase = defineOperator({
  name: 'has_phrase',
  description: 'The text contains the phrase: its words in this order, next to each other.',
  args: [{ name: 'phrase', type: 'string', description: 'the phrase' }],
  checkArgs: needsWords('has_phrase'),
  test(operand, args) {
    return { match: containsSequence(words(operand), phraseWords(args)) };
  },
  fixtures: [
    { operand: 'Where is my order, please?', args: ['my order'], expected: { match: true } },
    { operand: 'order my stuff', args: ['my order'], expected: { match: false } },
    { operand: 'talk to a HUMAN!', args: ['a human'], expected: { match: true } },
  ],
});
