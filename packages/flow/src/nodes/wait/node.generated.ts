// GENERATED from schemas/nodes/wait.schema.json by packages/flow/scripts/generate-node-types.ts — do not edit.
// Regenerate: npx tsx packages/flow/scripts/generate-node-types.ts

import type { Duration, Exits } from '../../schema-defs';

/**
 * Pauses the conversation for a duration (a persisted timer). Exit: next.
 */
export interface WaitNode {
  id: string;
  label?: string;
  exits?: Exits;
  type: 'wait';
  duration: Duration;
}
