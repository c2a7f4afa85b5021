// GENERATED from schemas/nodes/set.schema.json by packages/flow/scripts/generate-node-types.ts — do not edit.
// Regenerate: npx tsx packages/flow/scripts/generate-node-types.ts

import type { Exits } from '../../schema-defs';

/**
 * Assigns variables from templates, in order. Exit: next.
 */
export interface SetNode {
  id: string;
  label?: string;
  exits?: Exits;
  type: 'set';
  /**
   * @minItems 1
   * @maxItems 100
   */
  assign: {
    variable: string;
    value: string;
  }[];
}
