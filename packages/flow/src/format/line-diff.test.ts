import { describe, expect, it } from 'vitest';
import { diffLines, foldUnchanged } from './line-diff';

const lines = (text: string): string[] => text.split('\n');

describe('diffLines', () => {
  it('keeps common lines and marks removed/added ones in order', () => {
    const diff = diffLines(['user: hi', 'bot: Hello', 'bot: Bye'], ['user: hi', 'bot: Hallo', 'bot: Bye']);
    expect(diff).toEqual([
      { op: ' ', text: 'user: hi' },
      { op: '-', text: 'bot: Hello' },
      { op: '+', text: 'bot: Hallo' },
      { op: ' ', text: 'bot: Bye' },
    ]);
  });

  it('handles insertions and deletions at the edges', () => {
    expect(diffLines(['x'], ['x', 'y']).map((l) => l.op)).toEqual([' ', '+']);
    expect(diffLines(['w', 'x'], ['x']).map((l) => l.op)).toEqual(['-', ' ']);
    expect(diffLines([''], [''])).toEqual([{ op: ' ', text: '' }]);
    expect(diffLines([], [])).toEqual([]);
  });

  it('rebuilds both sides exactly', () => {
    const before = '1\n2\n3\n4\n5\n6';
    const after = '0\n2\n3\nx\n5\n6\n7';
    const d = diffLines(lines(before), lines(after));
    expect(
      d
        .filter((l) => l.op !== '+')
        .map((l) => l.text)
        .join('\n'),
    ).toBe(before);
    expect(
      d
        .filter((l) => l.op !== '-')
        .map((l) => l.text)
        .join('\n'),
    ).toBe(after);
  });

  it('past the size cap shows everything removed, then everything added', () => {
    const a = Array.from({ length: 600 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 600 }, (_, i) => `b${i}`);
    const d = diffLines(['same', ...a], ['same', ...b]);
    expect(d[0]).toEqual({ op: ' ', text: 'same' });
    expect(d.slice(1, 601).every((l) => l.op === '-')).toBe(true);
    expect(d.slice(601).every((l) => l.op === '+')).toBe(true);
  });
});

describe('foldUnchanged', () => {
  it('folds unchanged runs into counted gaps', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const after = before.map((l) => (l === 'l10' ? 'L10' : l));
    const folded = foldUnchanged(diffLines(before, after), 1);
    expect(folded.map((l) => l.op)).toEqual(['…', ' ', '-', '+', ' ', '…']);
    expect(folded[0]).toEqual({ op: '…', count: 9 });
  });
});
