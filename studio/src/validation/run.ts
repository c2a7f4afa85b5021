/** One validation run with the same validator as `parley validate`; never throws. */
import { plainIssueMessage, validateFlow, type Flow } from '@parley/flow';
import type { ValidationIssue } from '@parley/contract';

export interface ValidationRequest {
  id: number;
  flow: Flow;
  knownFlows?: string[];
}

export function runValidation(flow: Flow, knownFlows?: ReadonlySet<string>): ValidationIssue[] {
  try {
    const result = validateFlow(flow, knownFlows ? { knownFlows: (id: string) => knownFlows.has(id) || id === flow.id } : undefined);
    // The studio speaks to marketers: same code/path/node, plain words (the CLI keeps the precise message).
    return result.issues.map((i) => ({ ...i, message: plainIssueMessage(i, flow) }));
  } catch (e) {
    // The validator promises never to throw; if it does, say so instead of breaking the editor.
    return [{ severity: 'error', code: 'validator-crashed', message: `The validator failed: ${(e as Error).message}`, path: '' }];
  }
}
