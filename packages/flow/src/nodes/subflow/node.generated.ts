// GENERATED from schemas/nodes/subflow.schema.json by packages/flow/scripts/generate-node-types.ts — do not edit.
// Regenerate: npx tsx packages/flow/scripts/generate-node-types.ts

import type { Exits } from '../../schema-defs';

/**
 * Runs another flow with parameters and copies its return values back. Exit next when the child flow ends.
 */
export interface SubflowNode {
  id: string;
  label?: string;
  exits?: Exits;
  type: 'subflow';
  flow: string;
  params?: {
    [k: string]: string;
  };
  returns?: {
    [k: string]: string;
  };
}
