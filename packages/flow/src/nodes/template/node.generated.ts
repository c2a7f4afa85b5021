// GENERATED from schemas/nodes/template.schema.json by packages/flow/scripts/generate-node-types.ts — do not edit.
// Regenerate: npx tsx packages/flow/scripts/generate-node-types.ts

import type { Exits } from '../../schema-defs';

/**
 * Sends an approved WhatsApp template, with parameters per component bound to templates over variables. Exit: next.
 */
export interface TemplateNode {
  id: string;
  label?: string;
  exits?: Exits;
  type: 'template';
  name: string;
  language: string;
  params?: {
    header?: string[];
    body?: string[];
    buttons?: string[];
  };
}
