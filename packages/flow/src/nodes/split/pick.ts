/**
 * Which branch of a split node a contact takes: a pure function of (flow id, node id, contact id)
 * and the weights, so the same contact always lands on the same branch — after a restart, on
 * another worker, in a transcript test. No randomness and no clock.
 *
 * The hash is stored layout in effect (changing it moves running experiments' contacts to other
 * branches): keep it exactly as it is.
 */
import { fnv1a32 } from '@parley/contract';
import type { SplitBranch } from '../../types';

/**
 * murmur3's 32-bit finalizer. FNV-1a alone mixes the last characters poorly into the high bits,
 * which pick the bucket: contacts "c0".."c9999" at one node gave 47.4% to a 50% branch; with it, within ±1 point.
 */
function avalanche(hash: number): number {
  let h = hash;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The hashed position of a contact at one split node, uniform over [0, 1). */
export function splitPosition(flowId: string, nodeId: string, contactId: string): number {
  // NUL separators: ("a", "bc") and ("ab", "c") must not hash alike.
  return avalanche(fnv1a32(`${flowId}\u0000${nodeId}\u0000${contactId}`)) / 2 ** 32;
}

/**
 * The branch at `position` on the cumulative weights. A zero-weight branch is never taken. All
 * weights zero is a validation error (`split-zero-weights`); a flow run without validation then
 * splits evenly rather than failing the conversation.
 */
export function branchAt(branches: readonly SplitBranch[], position: number): SplitBranch | undefined {
  const total = branches.reduce((sum, b) => sum + Math.max(0, b.weight), 0);
  const weightOf = (b: SplitBranch) => (total > 0 ? Math.max(0, b.weight) : 1);
  const target = position * (total > 0 ? total : branches.length);
  let cumulative = 0;
  for (const branch of branches) {
    cumulative += weightOf(branch);
    if (target < cumulative) return branch;
  }
  // Only reached through rounding at the very top: the last branch that can be taken.
  return [...branches].reverse().find((b) => weightOf(b) > 0);
}

/** Each branch's share of contacts, in percent (what the studio shows next to the weights). */
export function branchShares(branches: readonly SplitBranch[]): number[] {
  const total = branches.reduce((sum, b) => sum + Math.max(0, b.weight), 0);
  return branches.map((b) => (total > 0 ? (Math.max(0, b.weight) / total) * 100 : 100 / branches.length));
}
