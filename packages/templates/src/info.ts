/** templateInfo: what flow validation needs to know about a template. */
import type { TemplateInfo, TemplateLanguageState } from '@parley/contract';
import type { TemplateFile } from './types';

export function templateInfo(t: TemplateFile, states: Record<string, TemplateLanguageState> = {}): TemplateInfo {
  void t; void states;
  throw new Error('templateInfo: not implemented yet');
}
