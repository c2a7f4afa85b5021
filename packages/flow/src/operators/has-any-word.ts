import { argWords, defineOperator, needsWords, words } from './helpers';

export const hasAnyWord = defineOperator({
  name: 'has_any_word',
  description: 'The text contains at least one of the words (ignoring case, accents and punctuation).',
  args: [{ name: 'words', type: 'string', description: 'words separated by spaces, or one per argument', variadic: true }],
  checkArgs: needsWords('has_any_word'),
  test(operand, args) {
    const present = new Set(words(operand));
    const hit = argWords(args).find((word) => present.has(word));
    return hit === undefined ? { match: false } : { match: true, value: hit };
  },
  fixtures: [
    { operand: 'I want to BUY shoes', args: ['buy purchase'], expected: { match: true, value: 'buy' } },
    { operand: '¿Dónde está mi pedido?', args: ['pedido', 'orden'], expected: { match: true, value: 'pedido' } },
    { operand: 'buyer', args: ['buy'], expected: { match: false } },
    { operand: '', args: ['buy'], expected: { match: false } },
  ],
});
