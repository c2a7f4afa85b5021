/** languageHash: the content hash of one language as Meta reviews it. */
import type { TemplateFile } from './types';

export function languageHash(t: TemplateFile, language: string): string {
  void t; void language;
  throw new Error('languageHash: not implemented yet');
}
