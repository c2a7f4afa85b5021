/** The Graph API's templates (GET /{WABA-ID}/message_templates) → template files, one per name, languages grouped (`pull`). */
import type { TemplateLanguageState } from '@parley/contract';
import type { TemplateFile } from '../types';
import type { MetaTemplate } from './types';

export interface PulledTemplate {
  template: TemplateFile;
  /** language → Meta's state (id, status, quality, category, the content hash of what Meta has). */
  states: Record<string, TemplateLanguageState>;
  /** What could not be carried over exactly (a positional template, a component Parley does not model …). */
  warnings: string[];
}

export function fromMeta(remote: MetaTemplate[]): PulledTemplate[] {
  void remote;
  throw new Error('fromMeta: not implemented yet');
}
