import { describe, expect, it } from 'vitest';
import { checkPattern, compilePattern } from './regex-safety';

describe('regex safety', () => {
  it.each(['(a+)+$', '(a*)*b', '(\\w+\\s?)*$', '(x+x+)+y', '(a|aa)+$', '(?:a|ab)*c', '(\\d{1,20})+', '(a)\\1'])('rejects %s', (pattern) => {
    expect(checkPattern(pattern)).not.toBeNull();
  });

  it.each(['^order (\\d+)$', '#?([a-z]{2})-(\\d{5})', '(?:yes|no)+', '[a-z]+@[a-z]+\\.com', '(ab)+', '\\(\\w+\\)+'])('accepts %s', (pattern) => {
    expect(checkPattern(pattern)).toBeNull();
  });

  it('reports patterns that do not compile and over-long ones', () => {
    expect(checkPattern('([a-z')).toMatch(/does not compile/);
    expect(checkPattern('a'.repeat(501))).toMatch(/limit is 500/);
    expect(checkPattern('')).toMatch(/empty/);
  });

  it('compiles once, case-insensitive and unicode', () => {
    const regex = compilePattern('^ñ\\p{L}+$');
    expect(regex).toBe(compilePattern('^ñ\\p{L}+$'));
    expect(regex?.flags).toBe('iu');
    expect(regex?.test('ÑANDÚ')).toBe(true);
    expect(compilePattern('(a+)+')).toBeUndefined();
  });
});
