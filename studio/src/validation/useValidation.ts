/**
 * Runs the same validator as `parley validate` in the browser, a moment after
 * the last edit (so typing stays fluid), and indexes the issues for the canvas.
 */
import { useEffect, useState } from 'react';
import { validateFlow, type Flow } from '@parley/flow';
import type { ValidationIssueLike } from '../api/client';

export function runValidation(flow: Flow, knownFlows?: ReadonlySet<string>): ValidationIssueLike[] {
  try {
    const result = validateFlow(flow, knownFlows ? { knownFlows: (id: string) => knownFlows.has(id) || id === flow.id } : undefined);
    return result.issues;
  } catch (e) {
    // The validator promises never to throw; if it does, say so instead of breaking the editor.
    return [{ severity: 'error', code: 'validator-crashed', message: `The validator failed: ${(e as Error).message}`, path: '' }];
  }
}

export function useValidation(flow: Flow, knownFlows?: ReadonlySet<string>, delayMs = 150): ValidationIssueLike[] {
  const [issues, setIssues] = useState<ValidationIssueLike[]>(() => runValidation(flow, knownFlows));
  useEffect(() => {
    const t = setTimeout(() => setIssues(runValidation(flow, knownFlows)), delayMs);
    return () => clearTimeout(t);
  }, [flow, knownFlows, delayMs]);
  return issues;
}
