/** Any input → no throw, bounded time: for the parser, the evaluator and templates. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate';
import { FUNCTIONS } from './functions';
import { renderTemplate } from './template';

const scope = { n: 3, s: 'abc', list: [1, 'x', null, { k: [2] }], obj: { a: 1, nested: { b: [1, 2] } }, big: 'y'.repeat(3000) };

// Fragments that make structurally interesting (often valid) expressions.
const token = fc.constantFrom(
  ...Object.keys(FUNCTIONS).map((name) => `${name}(`),
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  '+',
  '-',
  '*',
  '/',
  '%',
  '==',
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '!',
  '&&',
  '||',
  ' and ',
  ' or ',
  ' not ',
  'true',
  'false',
  'null',
  '0',
  '1',
  '-1',
  '2.5',
  '1e308',
  '"s"',
  "'t'",
  '"',
  'n',
  's',
  'list',
  'obj',
  'big',
  'obj.nested.b',
  'list[3].k[0]',
  '__proto__',
  'constructor',
  ' ',
  '{{',
  '}}',
  '\\',
);
const expression = fc.array(token, { maxLength: 60 }).map((parts) => parts.join(''));

function timed<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

describe('fuzz', () => {
  it('evaluate never throws on structured random input and stays within bounded time', () => {
    fc.assert(
      fc.property(expression, (source) => {
        const { result, ms } = timed(() => evaluate(source, scope, { now: 0 }));
        expect(result).toHaveProperty('value');
        expect(ms).toBeLessThan(250);
        if (typeof result.value === 'string') expect(result.value.length).toBeLessThanOrEqual(8192);
      }),
      { numRuns: 1500 },
    );
  });

  it('evaluate never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (source) => {
        expect(() => evaluate(source, scope)).not.toThrow();
      }),
      { numRuns: 1500 },
    );
  });

  it('templates never throw and cap their output', () => {
    const template = fc
      .array(
        fc.oneof(
          fc.string({ maxLength: 20 }),
          expression.map((e) => `{{${e}}}`),
        ),
        { maxLength: 20 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(template, (source) => {
        const { result, ms } = timed(() => renderTemplate(source, scope, { now: 0 }));
        expect(typeof result.text).toBe('string');
        expect(result.text.length).toBeLessThanOrEqual(8192);
        expect(ms).toBeLessThan(250);
      }),
      { numRuns: 800 },
    );
  });

  it('deep nesting and huge inputs are refused quickly, not crashed on', () => {
    for (const source of [
      '('.repeat(100_000),
      '-'.repeat(100_000) + '1',
      '['.repeat(5_000),
      'not '.repeat(10_000) + 'true',
      'a.'.repeat(50_000) + 'b',
    ]) {
      const { result, ms } = timed(() => evaluate(source, scope));
      expect(result.error).toBeDefined();
      expect(ms).toBeLessThan(250);
    }
    const manyTemplates = '{{ big + big }}'.repeat(1000);
    const { result, ms } = timed(() => renderTemplate(manyTemplates, scope));
    expect(result.errors.length).toBeGreaterThan(0);
    expect(ms).toBeLessThan(500);
  });
});
