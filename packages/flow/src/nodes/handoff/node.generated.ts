// GENERATED from schemas/nodes/handoff.schema.json by packages/flow/scripts/generate-node-types.ts — do not edit.
// Regenerate: npx tsx packages/flow/scripts/generate-node-types.ts

import type { Exits, LocalizedText } from '../../schema-defs';

/**
 * Hands the conversation to a human agent and waits. Exit next when the agent releases it back to the bot.
 */
export interface HandoffNode {
  id: string;
  label?: string;
  exits?: Exits;
  type: 'handoff';
  queue?: string;
  message?: LocalizedText;
  reason?: string;
}
