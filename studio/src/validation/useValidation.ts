/**
 * Live validation: a moment after the last edit the flow goes to a Web Worker
 * running the same validator as `parley validate`; the newest answer wins.
 * Where Workers do not exist (jsdom in component tests) it runs in-thread,
 * deferred, with the same code.
 */
import { useEffect, useRef, useState } from 'react';
import type { Flow } from '@parley/flow';
import type { TemplateInfo, ValidationIssue } from '@parley/contract';
import type { ValidationRequest } from './run';

type Listener = (id: number, issues: ValidationIssue[]) => void;
let worker: Worker | null = null;
const listeners = new Set<Listener>();
let nextId = 1;

function getWorker(): Worker | null {
  if (worker || typeof Worker === 'undefined') return worker;
  try {
    worker = new Worker(new URL('./validate.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; issues: ValidationIssue[] }>) => {
      for (const l of listeners) l(e.data.id, e.data.issues);
    };
  } catch {
    worker = null;
  }
  return worker;
}

/** `templates`: the server's template catalogue (checks template nodes against it); undefined = no catalogue, not checked. */
export function useValidation(
  flow: Flow,
  knownFlows?: ReadonlySet<string>,
  templates?: readonly TemplateInfo[],
  delayMs = 150,
): ValidationIssue[] {
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const latest = useRef(0);
  useEffect(() => {
    const listener: Listener = (id, found) => {
      if (id === latest.current) setIssues(found);
    };
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  useEffect(() => {
    const first = latest.current === 0;
    const t = setTimeout(
      () => {
        const id = nextId++;
        latest.current = id;
        const w = getWorker();
        if (w) {
          const req: ValidationRequest = {
            id,
            flow,
            ...(knownFlows ? { knownFlows: [...knownFlows] } : {}),
            ...(templates ? { templates: [...templates] } : {}),
          };
          w.postMessage(req);
        } else if (import.meta.env.MODE === 'test') {
          // Only component tests (jsdom) lack Workers; the production build drops this branch, keeping ajv out of the main bundle.
          void import('./run').then(({ runValidation }) => {
            if (id === latest.current) setIssues(runValidation(flow, knownFlows, templates));
          });
        }
      },
      first ? 0 : delayMs,
    );
    return () => clearTimeout(t);
  }, [flow, knownFlows, templates, delayMs]);
  return issues;
}
