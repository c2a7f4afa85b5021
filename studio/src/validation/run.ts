/** One validation run with the same validator as `parley validate`; never throws. */
import { validateFlow, type Flow } from '@parley/flow';
import type { ValidationIssueLike } from '../api/client';

export interface ValidationRequest {
  id: number;
  flow: Flow;
  knownFlows?: string[];
}

export function runValidation(flow: Flow, knownFlows?: ReadonlySet<string>): ValidationIssueLike[] {
  try {
    const result = validateFlow(flow, knownFlows ? { knownFlows: (id: string) => knownFlows.has(id) || id === flow.id } : undefined);
    return result.issues;
  } catch (e) {
    // The validator promises never to throw; if it does, say so instead of breaking the editor.
    return [{ severity: 'error', code: 'validator-crashed', message: `The validator failed: ${(e as Error).message}`, path: '' }];
  }
}
