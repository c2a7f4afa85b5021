// GENERATED from schemas/nodes/ask.schema.json by packages/flow/scripts/generate-node-types.ts — do not edit.
// Regenerate: npx tsx packages/flow/scripts/generate-node-types.ts

import type { Button, Duration, Exits, LocalizedText, RouteTest } from '../../schema-defs';

export type AskNodeExpect = 'text' | 'number' | 'email' | 'phone' | 'date' | 'choice' | 'location' | 'media';

/**
 * Waits for a reply, checks it against expect (and validate), stores it in saveAs. Exits: next, invalid (after maxRetries), timeout.
 */
export interface AskNode {
  id: string;
  label?: string;
  exits?: Exits;
  type: 'ask';
  prompt: LocalizedText;
  expect: AskNodeExpect;
  /**
   * @minItems 1
   * @maxItems 100
   */
  choices?: Button[];
  saveAs: string;
  validate?: {
    test: RouteTest;
    message?: LocalizedText;
  };
  /**
   * Sent when the answer is not valid, before waiting again. Leave empty for a default in the customer's language that says what is expected (e.g. “Please enter a valid email address, like name@example.com.”).
   */
  retryPrompt?: LocalizedText;
  maxRetries?: number;
  /**
   * The template WhatsApp gets instead when the 24-hour customer-service window is closed (the customer last wrote more than 24 hours ago): the send plane sends it in place of this node's message. Checked like a template node's template and values; its quick replies come back to this node.
   */
  outsideWindow?: {
    template: string;
    language: string;
    /**
     * Named template parameter → a {{ }} template (a lone {{expression}} keeps its type), as in a template node.
     */
    values?: {
      [k: string]: string;
    };
  };
  timeout?: Duration;
}
