import { describe, expect, it } from 'vitest';
import { renderTemplate } from './template';
import { cutAtGrapheme, isWellFormed, preview, wellFormed } from './unicode';

const FAMILY = '👨‍👩‍👧'; // ZWJ sequence: 8 UTF-16 units, one grapheme
const FLAG_FR = '🇫🇷'; // two regional indicators, 4 units
const E_ACUTE = 'e\u0301'; // e + combining acute accent

describe('wellFormed', () => {
  it('replaces lone high and low surrogates with U+FFFD and keeps pairs', () => {
    expect(wellFormed('x\ud800y')).toBe('x\ufffdy');
    expect(wellFormed('x\udc00y')).toBe('x\ufffdy');
    expect(wellFormed('end\ud83d')).toBe('end\ufffd');
    expect(wellFormed('ok 😀')).toBe('ok 😀');
    expect(isWellFormed('x\ud800y')).toBe(false);
  });
});

describe('cutAtGrapheme', () => {
  it('never splits a surrogate pair', () => {
    const cut = cutAtGrapheme('ab😀', 3);
    expect(cut).toBe('ab');
    expect(isWellFormed(cut)).toBe(true);
  });

  it('keeps a ZWJ sequence whole or drops it whole', () => {
    expect(cutAtGrapheme(`a${FAMILY}`, 8)).toBe('a');
    expect(cutAtGrapheme(`a${FAMILY}b`, 9)).toBe(`a${FAMILY}`);
  });

  it('keeps flags paired, counted from the start of the run', () => {
    const flags = FLAG_FR.repeat(3);
    expect(cutAtGrapheme(flags, 6)).toBe(FLAG_FR);
    expect(cutAtGrapheme(`x${flags}`, 10)).toBe(`x${FLAG_FR}${FLAG_FR}`);
  });

  it('does not separate a combining mark from its letter', () => {
    expect(cutAtGrapheme(`caf${E_ACUTE}`, 4)).toBe('caf');
    expect(cutAtGrapheme(`caf${E_ACUTE}!`, 5)).toBe(`caf${E_ACUTE}`);
  });

  it('leaves short text alone and yields "" when the first grapheme does not fit', () => {
    expect(cutAtGrapheme('hello', 5)).toBe('hello');
    expect(cutAtGrapheme(FAMILY, 3)).toBe('');
  });

  it('every cut of a mixed text is well-formed and a prefix', () => {
    const text = `Hi ${FAMILY}${FLAG_FR}${E_ACUTE}😀 ok`.repeat(5);
    for (let n = 0; n <= text.length; n++) {
      const cut = cutAtGrapheme(text, n);
      expect(text.startsWith(cut)).toBe(true);
      expect(cut.length).toBeLessThanOrEqual(n);
      expect(isWellFormed(cut)).toBe(true);
    }
  });
});

describe('preview', () => {
  it('cuts on a grapheme boundary', () => {
    expect(preview(`${'a'.repeat(19)}😀tail`)).toBe(`${'a'.repeat(19)}…`);
  });
});

describe('renderTemplate length cap', () => {
  it('cuts an over-long rendering between graphemes, never into a lone surrogate', () => {
    // 8191 ASCII units then an emoji: slice(0, 8192) would keep half of it.
    const res = renderTemplate('{{ pad }}😀😀', { pad: 'a'.repeat(8191) });
    expect(res.errors[0]?.message).toMatch(/longer than the limit of 8192/);
    expect(res.text).toBe('a'.repeat(8191));
    expect(isWellFormed(res.text)).toBe(true);
  });
});

describe('cutAtGrapheme on long text', () => {
  it('is one linear pass: a 1 MB text is cut in well under a second (walking segments was quadratic)', () => {
    const text = `${'a'.repeat(1_000_000 - 1)}${FAMILY}tail`;
    const started = performance.now();
    expect(cutAtGrapheme(text, 1_000_000)).toBe('a'.repeat(1_000_000 - 1));
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
