// GENERATED from schemas/nodes/template.schema.json by packages/flow/scripts/generate-node-types.ts — do not edit.
// Regenerate: npx tsx packages/flow/scripts/generate-node-types.ts

import type { Duration, Exits } from '../../schema-defs';

/**
 * Sends an approved WhatsApp template from templates/. `values` maps each named parameter to a template over variables (a single {{expression}} keeps its type: numbers, currency amounts, dates). Legacy flows bind positional `params` per component instead; a node has one or the other. Exits: next, and failed when the template cannot be sent (paused, disabled, not approved, a missing or invalid parameter). Any other exit key is a quick-reply payload: the node then waits after sending, a reply whose button payload or text (case-insensitive) equals the key takes that exit, any other reply takes `other` (else `next` when it is connected, else the node keeps waiting), and `timeout` fires after the node's `timeout`.
 */
export interface TemplateNode {
  id: string;
  label?: string;
  exits?: Exits;
  type: 'template';
  name: string;
  language: string;
  /**
   * Named template parameter → a {{ }} template. When the whole string is one {{expression}}, its raw value is passed (a number or a currency object keeps its type).
   */
  values?: {
    [k: string]: string;
  };
  /**
   * Legacy positional parameters per component (no type checks, no fallbacks); prefer `values`.
   */
  params?: {
    header?: string[];
    body?: string[];
    buttons?: string[];
  };
  /**
   * With quick-reply payload exits: how long to wait for a reply before the `timeout` exit (e.g. "2d").
   */
  timeout?: Duration;
}
