/** compileRenderer: one template language precompiled into a fast, never-throwing render of send-time parameters. */
import type { TemplateCategory, TemplateMessage } from '@parley/contract';
import type { TemplateFile } from '../types';

export type RenderResult =
  | { ok: true; params: TemplateMessage['params'] }
  | { ok: false; reason: 'missing_parameter' | 'invalid_parameter'; detail: string };

export interface TemplateRenderer {
  readonly name: string;
  readonly language: string;
  readonly category: TemplateCategory;
  /** languageHash of the content rendered (the pin). */
  readonly hash: string;
  render(values: Record<string, unknown>): RenderResult;
}

/** Throws a RangeError when the template has no such language (callers check the language first). */
export function compileRenderer(t: TemplateFile, language: string): TemplateRenderer {
  void t; void language;
  throw new Error('compileRenderer: not implemented yet');
}
