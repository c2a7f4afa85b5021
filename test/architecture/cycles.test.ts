import { describe, expect, it } from 'vitest';
import { circles, cyclePath } from './cycles';

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges).map(([from, to]) => [from, new Set(to)]));

describe('circles', () => {
  it('finds each group of nodes that import each other, and one path around it', () => {
    const g = graph({ a: ['b'], b: ['c'], c: ['a', 'd'], d: [], e: ['e'], f: ['a'] });
    expect(circles(g)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(cyclePath(g, ['a', 'b', 'c'])).toEqual(['a', 'b', 'c', 'a']);
    expect(cyclePath(g, ['e'])).toEqual(['e', 'e']);
  });

  it('finds none in a graph without a circle', () => {
    expect(circles(graph({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
  });
});
