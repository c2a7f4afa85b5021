/** pathologicalSamples: production-shaped and hostile values for a dry run. */
import type { TemplateFile } from '../types';

export interface Sample {
  label: string;
  values: Record<string, unknown>;
}

export function pathologicalSamples(t: TemplateFile, language: string): Sample[] {
  void t; void language;
  throw new Error('pathologicalSamples: not implemented yet');
}
