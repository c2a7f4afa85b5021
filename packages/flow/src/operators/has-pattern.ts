import { defineOperator } from './helpers';
import { MAX_SUBJECT_LENGTH, checkPattern, compilePattern } from './regex-safety';

export const hasPattern = defineOperator({
  name: 'has_pattern',
  description: 'The text matches the regular expression (case-insensitive, unicode). The value is the match and its groups.',
  args: [{ name: 'pattern', type: 'regex', description: 'a JavaScript regular expression without slashes or flags' }],
  checkArgs(args) {
    if (args.length !== 1 || typeof args[0] !== 'string') return 'has_pattern takes exactly one pattern as text';
    const problem = checkPattern(args[0]);
    return problem ? `has_pattern: ${problem}` : null;
  },
  test(operand, args) {
    const regex = compilePattern(String(args[0] ?? ''));
    if (!regex) return { match: false };
    const match = regex.exec(operand.length > MAX_SUBJECT_LENGTH ? operand.slice(0, MAX_SUBJECT_LENGTH) : operand);
    if (!match) return { match: false };
    return { match: true, value: { match: match[0], groups: match.slice(1), named: { ...match.groups } } };
  },
  fixtures: [
    { operand: 'my order is #AB-12345 thanks', args: ['#?([a-z]{2})-(\\d{5})'], expected: { match: true, value: { match: '#AB-12345', groups: ['AB', '12345'], named: {} } } },
    { operand: 'ORDER 9', args: ['^order (?<n>\\d+)$'], expected: { match: true, value: { match: 'ORDER 9', groups: ['9'], named: { n: '9' } } } },
    { operand: 'nothing here', args: ['\\d+'], expected: { match: false } },
  ],
});
