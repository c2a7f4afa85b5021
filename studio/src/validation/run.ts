/** One validation run with the same validator as `parley validate`; never throws. */
import { plainIssueMessage, validateFlow, type Flow, type ValidateOptions } from '@parley/flow';
import type { TemplateInfo, ValidationIssue } from '@parley/contract';

export interface ValidationRequest {
  id: number;
  flow: Flow;
  knownFlows?: string[];
  /** The server's templates (plain data: a Worker message cannot carry the lookup function). */
  templates?: TemplateInfo[];
}

export function runValidation(flow: Flow, knownFlows?: ReadonlySet<string>, templates?: readonly TemplateInfo[]): ValidationIssue[] {
  try {
    const options: ValidateOptions = {};
    if (knownFlows) options.knownFlows = (id: string) => knownFlows.has(id) || id === flow.id;
    if (templates) {
      const byName = new Map(templates.map((t) => [t.name, t]));
      options.templateInfo = (name: string) => byName.get(name);
    }
    const result = validateFlow(flow, options);
    // The studio speaks to marketers: same code/path/node, plain words (the CLI keeps the precise message).
    return result.issues.map((i) => ({ ...i, message: plainIssueMessage(i, flow) }));
  } catch (e) {
    // The validator promises never to throw; if it does, say so instead of breaking the editor.
    return [{ severity: 'error', code: 'validator-crashed', message: `The validator failed: ${(e as Error).message}`, path: '' }];
  }
}
