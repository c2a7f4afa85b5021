import { defineOperator } from './helpers';

function sameNumber(a: string, b: string): boolean {
  const x = a.trim() === '' ? NaN : Number(a);
  const y = b.trim() === '' ? NaN : Number(b);
  return Number.isFinite(x) && Number.isFinite(y) && x === y;
}

export const equals = defineOperator({
  name: 'equals',
  description: 'The operand equals the value (trimmed, ignoring case; numbers compare as numbers). Use on variables: operand "{{plan}}".',
  args: [{ name: 'value', type: 'string', description: 'the value to compare with' }],
  checkArgs: (args) => (args.length === 1 ? null : `equals takes exactly one value, got ${args.length}`),
  test(operand, args) {
    const expected = String(args[0] ?? '');
    const match = operand.trim().toLowerCase() === expected.trim().toLowerCase() || sameNumber(operand, expected);
    return { match };
  },
  fixtures: [
    { operand: 'Premium ', args: ['premium'], expected: { match: true } },
    { operand: '10.0', args: [10], expected: { match: true } },
    { operand: 'premium plus', args: ['premium'], expected: { match: false } },
    { operand: '', args: [''], expected: { match: true } },
  ],
});
