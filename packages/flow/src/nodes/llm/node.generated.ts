// GENERATED from schemas/nodes/llm.schema.json by packages/flow/scripts/generate-node-types.ts — do not edit.
// Regenerate: npx tsx packages/flow/scripts/generate-node-types.ts

import type { Exits, LocalizedText } from '../../schema-defs';

/**
 * Generates a reply from a prompt and context variables (performed by the host). On failure the fallback text is used. Exit: next.
 */
export interface LlmNode {
  id: string;
  label?: string;
  exits?: Exits;
  type: 'llm';
  prompt: string;
  /**
   * @maxItems 50
   */
  context?: string[];
  saveAs?: string;
  fallback: LocalizedText;
  send?: boolean;
}
