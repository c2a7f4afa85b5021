// GENERATED from schemas/nodes/split.schema.json by packages/flow/scripts/generate-node-types.ts — do not edit.
// Regenerate: npx tsx packages/flow/scripts/generate-node-types.ts

import type { Exits } from '../../schema-defs';

/**
 * A/B/n test: sends each contact down one branch, picked by weight and sticky per contact (a hash of flow id, node id and contact id, no randomness). Exits: the branch ids. The choice is stored in the variable split.<node id>.
 */
export interface SplitNode {
  id: string;
  label?: string;
  exits?: Exits;
  type: 'split';
  /**
   * @minItems 2
   * @maxItems 10
   */
  branches: SplitBranch[];
}
export interface SplitBranch {
  id: string;
  label?: string;
  /**
   * The branch's share is its weight divided by the sum of all weights; 0 turns the branch off.
   */
  weight: number;
}
