import { compilePattern, patternProblem } from '@parley/nlu';
import { defineOperator } from './helpers';

export const hasPattern = defineOperator({
  name: 'has_pattern',
  description:
    'The text matches the regular expression (case-insensitive, unicode, RE2 syntax: no lookaround or backreferences). The value is the match and its groups.',
  args: [{ name: 'pattern', type: 'regex', description: 'a regular expression without slashes or flags' }],
  checkArgs(args) {
    if (args.length !== 1 || typeof args[0] !== 'string') return 'has_pattern takes exactly one pattern as text';
    const problem = patternProblem(args[0]);
    return problem ? `has_pattern: the pattern ${problem.message}` : null;
  },
  test(operand, args) {
    const compiled = compilePattern(String(args[0] ?? ''));
    if (!compiled.ok) return { match: false };
    const match = compiled.pattern.exec(operand);
    if (!match) return { match: false };
    return { match: true, value: { match: match.text, groups: match.groups, named: match.named } };
  },
  fixtures: [
    {
      operand: 'my order is #AB-12345 thanks',
      args: ['#?([a-z]{2})-(\\d{5})'],
      expected: { match: true, value: { match: '#AB-12345', groups: ['AB', '12345'], named: {} } },
    },
    {
      operand: 'ORDER 9',
      args: ['^order (?<n>\\d+)$'],
      expected: { match: true, value: { match: 'ORDER 9', groups: ['9'], named: { n: '9' } } },
    },
    { operand: 'nothing here', args: ['\\d+'], expected: { match: false } },
    // Hostile for a backtracking engine (tens of seconds); RE2 answers at once.
    { operand: `${'1'.repeat(52)}x`, args: ['^\\d+\\d+\\d+\\d+\\d+\\d+\\d+\\d+$'], expected: { match: false } },
  ],
});
