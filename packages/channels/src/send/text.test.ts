import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutToLimit, splitText, truncate, uniqueTitles, utf8Bytes } from './text';

describe('splitText', () => {
  it('leaves short text alone', () => {
    expect(splitText('hello', 4096)).toEqual(['hello']);
    expect(splitText('', 10)).toEqual(['']);
  });

  it('splits on word boundaries, preferring paragraphs then lines', () => {
    expect(splitText('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb', 'cccc']);
    expect(splitText('aaa bbb\n\nccc ddd eee', 16)).toEqual(['aaa bbb', 'ccc ddd eee']);
    expect(splitText('one two\nthree four', 15)).toEqual(['one two', 'three four']);
  });

  it('cuts a single over-long word on a grapheme boundary', () => {
    expect(splitText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(splitText('😀😀😀', 4)).toEqual(['😀😀', '😀']);
    expect(splitText('👍🏽👍🏽', 5)).toEqual(['👍🏽', '👍🏽']);
  });

  it('splits 10,000 words at 4,096 without losing a word (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zé😀]{1,12}$/u), { minLength: 1, maxLength: 2000 }), (words) => {
        const text = words.join(' ');
        const chunks = splitText(text, 200);
        for (const c of chunks) expect(c.length).toBeLessThanOrEqual(200);
        expect(chunks.join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
      }),
      { numRuns: 50 },
    );
  });

  it('measures Instagram text in UTF-8 bytes', () => {
    const chunks = splitText('é'.repeat(600), 1000, utf8Bytes);
    expect(chunks.map(utf8Bytes)).toEqual([1000, 200]);
  });
});

describe('truncate and uniqueTitles', () => {
  it('marks a cut with an ellipsis within the limit', () => {
    expect(truncate('Priority Mail Express Overnight', 20)).toBe('Priority Mail Expre…');
    expect(truncate('short', 20)).toBe('short');
    expect(cutToLimit('a😀', 2)).toBe('a');
  });

  it('keeps cut titles unique with numbered suffixes inside the limit', () => {
    const titles = uniqueTitles(['Delivery to my home address', 'Delivery to my home office', 'Delivery to my home address', 'Pickup'], 20);
    expect(titles).toEqual(['Delivery to my home…', 'Delivery to my… (2)', 'Delivery to my… (3)', 'Pickup']);
    for (const t of titles) expect(t.length).toBeLessThanOrEqual(20);
  });

  it('always yields distinct titles within the limit (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 8, max: 24 }),
        (input, limit) => {
          const out = uniqueTitles(input, limit);
          expect(new Set(out.map((t) => t.toLowerCase())).size).toBe(out.length);
          for (const t of out) expect(t.length).toBeLessThanOrEqual(limit);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('utf8Bytes', () => {
  it('matches Buffer.byteLength, including emoji and lone surrogates', () => {
    // Raw UTF-16 code units, so lone and paired surrogates both occur.
    const units = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0xd800, max: 0xdfff })), { maxLength: 50 });
    fc.assert(
      fc.property(units, (codes) => {
        const s = String.fromCharCode(...codes);
        return utf8Bytes(s) === Buffer.byteLength(s, 'utf8');
      }),
      { numRuns: 500 },
    );
    expect(utf8Bytes('a\ud83dz')).toBe(Buffer.byteLength('a\ud83dz', 'utf8'));
  });
});
