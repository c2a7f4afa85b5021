// GENERATED from schemas/nodes/end.schema.json by packages/flow/scripts/generate-node-types.ts — do not edit.
// Regenerate: npx tsx packages/flow/scripts/generate-node-types.ts

import type { Exits } from '../../schema-defs';

/**
 * Ends the session with an outcome (for analytics). No exits.
 */
export interface EndNode {
  id: string;
  label?: string;
  exits?: Exits;
  type: 'end';
  outcome?: string;
}
