import { defineOperator } from './helpers';

export const contains = defineOperator({
  name: 'contains',
  description: 'The operand contains the text anywhere (ignoring case). Use on variables: operand "{{email}}".',
  args: [{ name: 'text', type: 'string', description: 'the text to look for' }],
  checkArgs: (args) =>
    args.length !== 1
      ? `contains takes exactly one text, got ${args.length}`
      : String(args[0]) === ''
        ? 'contains needs a non-empty text'
        : null,
  test(operand, args) {
    return { match: operand.toLowerCase().includes(String(args[0] ?? '').toLowerCase()) };
  },
  fixtures: [
    { operand: 'ana@ACME.com', args: ['@acme.'], expected: { match: true } },
    { operand: 'ana@example.com', args: ['acme'], expected: { match: false } },
  ],
});
