import { describe, expect, it } from 'vitest';
import { checkOperator, operatorNames, operators, runOperator } from './registry';
import type { OperatorContext } from './types';

const REQUIRED = [
  'has_any_word',
  'has_all_words',
  'has_phrase',
  'has_only_phrase',
  'has_beginning',
  'has_pattern',
  'has_text',
  'has_number',
  'has_number_between',
  'has_number_lt',
  'has_number_gt',
  'has_number_eq',
  'has_date',
  'has_date_lt',
  'has_date_gt',
  'has_email',
  'has_phone',
  'is_yes',
  'is_no',
  'has_intent',
  'has_entity',
  'has_media',
  'has_location',
  'equals',
  'contains',
  'is_empty',
  'expression',
];

function context(partial: Partial<OperatorContext> = {}): OperatorContext {
  return { variables: {}, language: 'en', now: Date.UTC(2026, 10, 21, 12), timezone: 'UTC', ...partial };
}

describe('operator registry', () => {
  it('has every required operator, keyed by its own name', () => {
    for (const name of REQUIRED) expect(operators[name]?.name, name).toBe(name);
    expect(operatorNames).toEqual(Object.keys(operators));
  });

  it('gives every operator a description, arg specs and at least two fixtures including a non-match', () => {
    for (const def of Object.values(operators)) {
      expect(def.description.length, def.name).toBeGreaterThan(10);
      expect(def.fixtures.length, def.name).toBeGreaterThanOrEqual(2);
      expect(
        def.fixtures.some((f) => !f.expected.match),
        `${def.name} has a non-matching fixture`,
      ).toBe(true);
    }
  });

  it('rejects unknown operators and bad arguments with a sentence', () => {
    expect(checkOperator('has_wrd', ['x'])).toMatch(/unknown operator "has_wrd"/);
    expect(checkOperator('has_number_between', [1])).toMatch(/takes 2 number/);
    expect(checkOperator('has_number_lt', ['ten'])).toMatch(/must be a number/);
    expect(checkOperator('has_any_word', [])).toMatch(/at least one word/);
    expect(checkOperator('has_intent', ['buy', 2])).toMatch(/from 0 to 1/);
    expect(checkOperator('has_date_gt', ['someday'])).toMatch(/needs a date/);
    expect(checkOperator('has_date_gt', ['2026-02-30'])).toBeNull();
    expect(checkOperator('has_media', ['gif'])).toMatch(/must be one of/);
    expect(checkOperator('expression', ['a +'])).toMatch(/^expression: /);
    expect(checkOperator('has_pattern', ['(?=x)'])).toMatch(
      /^has_pattern: the pattern uses a lookahead `\(\?=`, which Parley's pattern engine \(RE2\) does not support/,
    );
    expect(checkOperator('has_pattern', ['(a)\\1'])).toMatch(/^has_pattern: the pattern uses a backreference `\\1`/);
    expect(checkOperator('has_text', ['x'])).toMatch(/no arguments/);
    expect(checkOperator('constructor', [])).toMatch(/unknown operator/);
  });

  it('has_pattern answers at once on patterns and texts that stall a backtracking engine (issue #9)', () => {
    // Each took 30–50 s on JavaScript's RegExp; the bound is loose so a loaded machine stays green.
    const cases: Array<[string, string]> = [
      ['^(a+){10}$', `${'a'.repeat(40)}!`],
      ['^(.*a){10}$', `${'a'.repeat(40)}!`],
      ['^\\d+\\d+\\d+\\d+\\d+\\d+\\d+\\d+$', `${'1'.repeat(60)}x`],
    ];
    for (const [pattern, text] of cases) {
      expect(checkOperator('has_pattern', [pattern]), pattern).toBeNull();
      const start = performance.now();
      expect(runOperator('has_pattern', text, [pattern], context())).toEqual({ match: false });
      expect(performance.now() - start, pattern).toBeLessThan(1_000);
    }
  });

  it('never throws from runOperator, even for unknown operators', () => {
    expect(runOperator('nope', 'x', [], context())).toEqual({ match: false });
  });
});

for (const def of Object.values(operators)) {
  describe(def.name, () => {
    def.fixtures.forEach((fixture, i) => {
      const title = `fixture ${i}: ${JSON.stringify(fixture.operand)} ${JSON.stringify(fixture.args)} → ${fixture.expected.match}`;
      it(title, () => {
        expect(def.checkArgs(fixture.args), 'fixture args are valid').toBeNull();
        const ctx = context(fixture.ctx);
        const result = def.test(fixture.operand, fixture.args, ctx);
        expect(result.match).toBe(fixture.expected.match);
        if ('value' in fixture.expected) expect(result.value).toEqual(fixture.expected.value);
      });
    });
  });
}
