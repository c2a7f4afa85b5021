import { describe, expect, it } from 'vitest';
import { MAX_SUBJECT_LENGTH, compilePattern, patternProblem, type FlowPattern } from './pattern';

function compiled(source: string): FlowPattern {
  const result = compilePattern(source);
  if (!result.ok) throw new Error(`${source}: ${result.problem.message}`);
  return result.pattern;
}

function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe('flow patterns run in linear time', () => {
  // Each of these ran for 30–50 s on JavaScript's backtracking RegExp (issue #9).
  it.each([
    ['^(a+){10}$', `${'a'.repeat(40)}b`],
    ['^(.*a){10}$', `${'a'.repeat(40)}b`],
    ['^\\d+\\d+\\d+\\d+\\d+\\d+\\d+\\d+$', `${'1'.repeat(60)}x`],
    ['^(a+)+$', `${'a'.repeat(1_500)}!`],
    ['^(\\w+\\s?)*$', `${'word '.repeat(300)}!`],
  ])('%s on a hostile input answers at once', (source, text) => {
    const pattern = compiled(source);
    // A loose bound so a loaded machine does not make the test flaky; the backtracking engine took > 30 s.
    expect(timed(() => pattern.exec(text))).toBeLessThan(1_000);
    expect(timed(() => pattern.test(text))).toBeLessThan(1_000);
    expect(pattern.exec(text)).toBeNull();
  });
});

describe('semantics kept from JavaScript RegExp (flags iu)', () => {
  it('is case-insensitive and Unicode', () => {
    expect(compiled('^ñ\\p{L}+$').test('ÑANDÚ')).toBe(true);
    expect(compiled('^.$').test('😀')).toBe(true);
  });

  it('returns the match, its groups (undefined when unmatched) and named groups', () => {
    expect(compiled('#?([a-z]{2})-(\\d{5})(x)?').exec('my order is #AB-12345 thanks')).toEqual({
      text: '#AB-12345',
      index: 12,
      groups: ['AB', '12345', undefined],
      named: {},
    });
    expect(compiled('^order (?<n>\\d+)$').exec('ORDER 9')).toEqual({ text: 'ORDER 9', index: 0, groups: ['9'], named: { n: '9' } });
  });

  it('counts the index in UTF-16 units like String.prototype.slice', () => {
    const text = '😀 é code AB1';
    const match = compiled('[a-z]{2}\\d').exec(text)!;
    expect(text.slice(match.index, match.index + match.text.length)).toBe('AB1');
  });

  it('reads JavaScript escapes: \\uXXXX, \\u{…} and a Unicode \\s', () => {
    expect(compiled('caf\\u00e9').test('CAFÉ')).toBe(true);
    expect(compiled('\\u{1F600}').test('hi 😀')).toBe(true);
    expect(compiled('^10\\s€$').test('10\u00a0€')).toBe(true);
    expect(compiled('^10[\\s]€$').test('10\u202f€')).toBe(true);
    expect(compiled('^\\S+$').test('a\u00a0b')).toBe(false);
    expect(compiled('^\\\\s$').test('\\s')).toBe(true);
    expect(compiled('[[:alpha:]\\s]+').exec('ab c1')?.text).toBe('ab c');
  });

  it('lists successive matches up to a limit', () => {
    const all = compiled('(\\d+)').matchAll('1 22 333 4444', 3);
    expect(all.map((m) => [m.text, m.index, m.groups[0]])).toEqual([
      ['1', 0, '1'],
      ['22', 2, '22'],
      ['333', 5, '333'],
    ]);
  });

  it('is case-sensitive, multiline or dot-all when asked (flow-test URL mocks)', () => {
    const sensitive = compilePattern('^https://x/Orders$', { caseSensitive: true });
    expect(sensitive.ok && sensitive.pattern.test('https://x/orders')).toBe(false);
    const multi = compilePattern('^b$', { multiline: true, dotAll: true });
    expect(multi.ok && multi.pattern.test('a\nb')).toBe(true);
  });

  it('compiles a pattern once', () => {
    expect(compilePattern('^order (\\d+)$')).toBe(compilePattern('^order (\\d+)$'));
  });
});

describe('patterns that cannot be used', () => {
  it.each([
    ['(?=x)', 'uses a lookahead `(?=`'],
    ['a(?!x)', 'uses a negative lookahead `(?!`'],
    ['(?<=x)y', 'uses a lookbehind `(?<=`'],
    ['(?<!x)y', 'uses a negative lookbehind `(?<!`'],
    ['(a)\\1', 'uses a backreference `\\1`'],
    ['(?<n>a)\\k<n>', 'uses a backreference `\\k`'],
    ['(?>a)', 'uses an atomic group'],
    ['a{2,1001}', 'repeats `{2,1001}` times'],
  ])('%s is unsupported: %s', (source, message) => {
    const problem = patternProblem(source);
    expect(problem?.kind).toBe('unsupported');
    expect(problem?.message).toContain(message);
    expect(problem?.message).toContain("Parley's pattern engine (RE2)");
  });

  it('names RE2 syntax that JavaScript accepts but RE2 lacks', () => {
    expect(patternProblem('\\cA')).toEqual({
      kind: 'unsupported',
      message: "uses syntax Parley's pattern engine (RE2) does not support (invalid escape sequence: `\\c`)",
    });
  });

  it('reports patterns that are not regular expressions, empty or too long', () => {
    expect(patternProblem('talk to (agent')).toEqual({ kind: 'invalid', message: 'does not compile: missing closing ): `talk to (agent`' });
    expect(patternProblem('')).toEqual({ kind: 'invalid', message: 'is empty' });
    expect(patternProblem('a'.repeat(501))).toEqual({ kind: 'invalid', message: 'is 501 characters long; the limit is 500' });
  });

  it('accepts the shapes the old backtracking screen had to refuse', () => {
    for (const source of ['(a+)+$', '(a|aa)+$', '(?:a|ab)*c', '(\\d{1,20})+']) expect(patternProblem(source)).toBeNull();
  });
});

describe('bounded work', () => {
  it('does not search text beyond MAX_SUBJECT_LENGTH', () => {
    const pattern = compiled('needle');
    expect(pattern.test(`${'x'.repeat(MAX_SUBJECT_LENGTH - 6)}needle`)).toBe(true);
    expect(pattern.test(`${'x'.repeat(MAX_SUBJECT_LENGTH)}needle`)).toBe(false);
  });
});
