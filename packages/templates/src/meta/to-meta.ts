/** Template file → the Graph API's create (POST /{WABA-ID}/message_templates) and edit (POST /{TEMPLATE-ID}) bodies. */
import type { TemplateFile } from '../types';

export interface ToMetaOptions {
  /** Media header: parameter name → the upload handle (uploadMedia) Meta wants as the example. */
  headerHandles?: Record<string, string>;
}

export function toMetaCreate(t: TemplateFile, language: string, opts: ToMetaOptions = {}): Record<string, unknown> {
  void t; void language; void opts;
  throw new Error('toMetaCreate: not implemented yet');
}

/** Edit body: the components, and the category when the template allows a category change. */
export function toMetaEdit(t: TemplateFile, language: string, opts: ToMetaOptions = {}): Record<string, unknown> {
  void t; void language; void opts;
  throw new Error('toMetaEdit: not implemented yet');
}
