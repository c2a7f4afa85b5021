import { describe, expect, it } from 'vitest';
import { diffLines, withContext } from './diff';

describe('diffLines', () => {
  it('reports a one-word change as one deleted and one added line', () => {
    const d = diffLines('a\nb\nc', 'a\nB\nc');
    expect(d.filter((l) => l.kind !== 'same')).toEqual([{ kind: 'del', text: 'b' }, { kind: 'add', text: 'B' }]);
  });

  it('handles insertions and deletions at the edges', () => {
    expect(diffLines('x', 'x\ny').map((l) => l.kind)).toEqual(['same', 'add']);
    expect(diffLines('w\nx', 'x').map((l) => l.kind)).toEqual(['del', 'same']);
    expect(diffLines('', '')).toEqual([{ kind: 'same', text: '' }]);
  });

  it('rebuilds both sides exactly', () => {
    const before = '1\n2\n3\n4\n5\n6';
    const after = '0\n2\n3\nx\n5\n6\n7';
    const d = diffLines(before, after);
    expect(d.filter((l) => l.kind !== 'add').map((l) => l.text).join('\n')).toBe(before);
    expect(d.filter((l) => l.kind !== 'del').map((l) => l.text).join('\n')).toBe(after);
  });

  it('folds unchanged runs into gaps', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n');
    const after = before.replace('l10', 'L10');
    const c = withContext(diffLines(before, after), 1);
    expect(c.map((l) => l.kind)).toEqual(['gap', 'same', 'del', 'add', 'same', 'gap']);
  });
});
