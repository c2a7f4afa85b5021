/** Intent patterns run on the flows' pattern engine (RE2): no pattern and no message can stall matching. */
import { describe, expect, it } from 'vitest';
import { RuleSet } from './rules';

describe('intent patterns', () => {
  it('answer at once on a pattern and a message that stall a backtracking engine (issue #9)', () => {
    const rules = new RuleSet([
      { name: 'digits', patterns: ['^\\d+\\d+\\d+\\d+\\d+\\d+\\d+\\d+$'] },
      { name: 'as', patterns: ['^(a+)+$'] },
    ]);
    expect(rules.problems).toEqual([]);
    const start = performance.now();
    expect(rules.match(`${'1'.repeat(60)}x`)).toEqual([]);
    expect(rules.match(`${'a'.repeat(1_000)}!`)).toEqual([]);
    // The backtracking engine took tens of seconds on the first; the bound is loose for a loaded machine.
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(rules.match('12345678').map((h) => h.intent)).toEqual(['digits']);
  });

  it('match case-insensitively and name the pattern in the reason', () => {
    const [hit] = new RuleSet([{ name: 'track', patterns: ['\\border\\s*#?\\d{5,}\\b'] }]).match('Where is ORDER #123456?');
    expect(hit).toMatchObject({ intent: 'track', reason: 'pattern \\border\\s*#?\\d{5,}\\b', strength: 'ORDER #123456'.length });
  });

  it('drop a pattern RE2 cannot express and say why (a flow that skipped validation keeps its conversation)', () => {
    const rules = new RuleSet([{ name: 'x', patterns: ['(?=x)x', 'ok'] }]);
    expect(rules.problems).toEqual([
      'intent "x": pattern "(?=x)x" uses a lookahead `(?=`, which Parley\'s pattern engine (RE2) does not support; match the text itself instead, or put the condition in a route case of its own',
    ]);
    expect(rules.match('ok')).toHaveLength(1);
  });
});
