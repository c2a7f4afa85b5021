/** dryRun: render samples and report what Meta would reject or truncate. */
import type { TemplateFile } from '../types';
import type { RenderedPreview } from '../render/preview';
import type { Sample } from './samples';

export interface DryRunProblem {
  code: string;
  message: string;
}

export interface DryRunResult {
  label: string;
  values: Record<string, unknown>;
  ok: boolean;
  rendered?: RenderedPreview;
  problems: DryRunProblem[];
}

export function dryRun(t: TemplateFile, language: string, samples: Sample[]): DryRunResult[] {
  void t; void language; void samples;
  throw new Error('dryRun: not implemented yet');
}
