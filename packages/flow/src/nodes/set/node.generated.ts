// GENERATED from schemas/nodes/set.schema.json by packages/flow/scripts/generate-node-types.ts — do not edit.
// Regenerate: npx tsx packages/flow/scripts/generate-node-types.ts

import type { Exits } from '../../schema-defs';

/**
 * Assigns variables from templates, in order; contact.<field> targets are saved to the contact. Exit: next.
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
    /**
     * A flow variable, or contact.<field> to save the value to the contact's record (name, language, timezone, tags or a custom field)
     */
    variable: string;
    value: string;
  }[];
}
