/** Flow pattern entities run on the flows' pattern engine (RE2). */
import { describe, expect, it } from 'vitest';
import { extractCustom } from './custom';
import { MAX_MATCHES } from './matches';

describe('extractCustom', () => {
  it('takes the first group as the value and keeps UTF-16 offsets', () => {
    const text = '😀 codes AB-12345 and cd-67890';
    const found = extractCustom(text, [{ name: 'code', pattern: '([a-z]{2})-\\d{5}' }]);
    expect(found.map((e) => [e.text, e.value, text.slice(e.start, e.end)])).toEqual([
      ['AB-12345', 'AB', 'AB-12345'],
      ['cd-67890', 'cd', 'cd-67890'],
    ]);
  });

  it('answers at once on a pattern and text that stall a backtracking engine (issue #9)', () => {
    const start = performance.now();
    expect(
      extractCustom(`${'a'.repeat(400)}!`, [
        { name: 'as', pattern: '(a+)+!x' },
        { name: 'dots', pattern: '(.*a){10}x' },
      ]),
    ).toEqual([]);
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  it('reads at most MAX_MATCHES matches of a pattern and skips patterns RE2 cannot use', () => {
    const text = Array.from({ length: 40 }, (_, i) => `#${i}`).join(' ');
    expect(extractCustom(text, [{ name: 'n', pattern: '#(\\d+)' }])).toHaveLength(MAX_MATCHES);
    expect(
      extractCustom('aa', [
        { name: 'back', pattern: '(a)\\1' },
        { name: 'open', pattern: '(' },
      ]),
    ).toEqual([]);
  });
});
