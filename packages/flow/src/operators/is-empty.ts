import { defineOperator, needsNone } from './helpers';

export const isEmpty = defineOperator({
  name: 'is_empty',
  description: 'The operand is empty (nothing, or only spaces). Useful on variables: operand "{{email}}".',
  args: [],
  checkArgs: needsNone('is_empty'),
  test(operand) {
    return { match: operand.trim() === '' };
  },
  fixtures: [
    { operand: '', args: [], expected: { match: true } },
    { operand: ' \n', args: [], expected: { match: true } },
    { operand: 'x', args: [], expected: { match: false } },
  ],
});
