// GENERATED from schemas/nodes/message.schema.json by packages/flow/scripts/generate-node-types.ts — do not edit.
// Regenerate: npx tsx packages/flow/scripts/generate-node-types.ts

import type { Button, Duration, Exits, LocalizedText } from '../../schema-defs';

/**
 * Sends text and/or media. With buttons or a list it waits for the choice: one exit per button/row id plus other and timeout; otherwise exit next.
 */
export interface MessageNode {
  id: string;
  label?: string;
  exits?: Exits;
  type: 'message';
  text?: LocalizedText;
  media?: MediaRef;
  /**
   * @minItems 1
   * @maxItems 100
   */
  buttons?: Button[];
  list?: {
    button: LocalizedText;
    /**
     * @minItems 1
     * @maxItems 100
     */
    sections: ListSection[];
  };
  saveAs?: string;
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
export interface MediaRef {
  type: 'image' | 'video' | 'audio' | 'document' | 'sticker';
  url: string;
  caption?: LocalizedText;
  filename?: string;
}
export interface ListSection {
  title?: LocalizedText;
  /**
   * @minItems 1
   * @maxItems 100
   */
  rows: ListRow[];
}
export interface ListRow {
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
}
