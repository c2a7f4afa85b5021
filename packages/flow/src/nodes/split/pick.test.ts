import { describe, expect, it } from 'vitest';
import type { SplitBranch } from '../../types';
import { branchAt, branchShares, splitPosition } from './pick';

const branches = (...weights: number[]): SplitBranch[] => weights.map((weight, i) => ({ id: `b${i}`, weight }));

/** How many of `ids` land on each branch. */
function tally(ids: string[], of: SplitBranch[], flowId = 'promo', nodeId = 'ab'): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(of.map((b) => [b.id, 0]));
  for (const id of ids) counts[branchAt(of, splitPosition(flowId, nodeId, id))!.id]!++;
  return counts;
}

describe('split branch choice', () => {
  const sequential = Array.from({ length: 10_000 }, (_, i) => `contact-${i}`);
  const short = Array.from({ length: 10_000 }, (_, i) => `c${i}`);
  const phones = Array.from({ length: 10_000 }, (_, i) => `49151${String(1_000_000 + i * 37).padStart(7, '0')}`);

  it.each([
    ['sequential ids', sequential],
    ['short ids', short],
    ['phone numbers', phones],
  ])('shares of 10,000 %s follow weights 50/30/20 within ±2 points', (_, ids) => {
    const counts = tally(ids, branches(50, 30, 20));
    expect(Math.abs(counts.b0! / 100 - 50)).toBeLessThanOrEqual(2);
    expect(Math.abs(counts.b1! / 100 - 30)).toBeLessThanOrEqual(2);
    expect(Math.abs(counts.b2! / 100 - 20)).toBeLessThanOrEqual(2);
  });

  it('weights need not sum to 100, and a zero weight is never taken', () => {
    const counts = tally(sequential, branches(3, 0, 1));
    expect(counts.b1).toBe(0);
    expect(Math.abs(counts.b0! / 100 - 75)).toBeLessThanOrEqual(2);
  });

  it('is sticky: the same contact gets the same branch on every call', () => {
    const of = branches(50, 30, 20);
    const first = sequential.slice(0, 500).map((id) => branchAt(of, splitPosition('promo', 'ab', id))!.id);
    const again = sequential.slice(0, 500).map((id) => branchAt(of, splitPosition('promo', 'ab', id))!.id);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(3);
  });

  it('keeps the hash as stored layout: known positions do not move', () => {
    // Changing the hash would move running experiments' contacts to other branches.
    expect(splitPosition('promo', 'ab', 'contact-1')).toBe(0.4649718932341784);
    expect(splitPosition('f', 'n', 'c1')).toBe(0.09956005401909351);
    expect(splitPosition('f', 'n', '')).not.toBe(splitPosition('f', '', 'n'));
  });

  it('a contact lands independently in two splits and in two flows', () => {
    const of = branches(50, 50);
    const pairs = sequential.slice(0, 4_000).map((id) => {
      const x = branchAt(of, splitPosition('promo', 'ab', id))!.id;
      return [x, branchAt(of, splitPosition('promo', 'cd', id))!.id, branchAt(of, splitPosition('other', 'ab', id))!.id];
    });
    const sameNode = pairs.filter(([x, y]) => x === y).length / pairs.length;
    const sameFlow = pairs.filter(([x, , z]) => x === z).length / pairs.length;
    expect(Math.abs(sameNode - 0.5)).toBeLessThan(0.03);
    expect(Math.abs(sameFlow - 0.5)).toBeLessThan(0.03);
  });

  it('splits evenly when every weight is 0 (a validation error, but a running flow must not fail)', () => {
    const counts = tally(sequential.slice(0, 3_000), branches(0, 0, 0));
    for (const n of Object.values(counts)) expect(Math.abs(n / 3_000 - 1 / 3)).toBeLessThan(0.03);
  });

  it('positions are uniform in [0, 1) and the top of the range maps to the last live branch', () => {
    for (const id of sequential.slice(0, 1000)) {
      const p = splitPosition('f', 'n', id);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(1);
    }
    expect(branchAt(branches(1, 1, 0), 0.999999999)!.id).toBe('b1');
    expect(branchAt(branches(1, 1), 0)!.id).toBe('b0');
  });

  it('gives each branch its share in percent', () => {
    expect(branchShares(branches(50, 30, 20))).toEqual([50, 30, 20]);
    expect(branchShares(branches(1, 3))).toEqual([25, 75]);
    expect(branchShares(branches(0, 0))).toEqual([50, 50]);
  });
});
