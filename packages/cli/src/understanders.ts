/**
 * One understander per flow, created on first use: training the classifier is the expensive
 * part, so every test of a file and every turn of a chat share it. Subflows get their own.
 */
import type { Flow, Understand } from '@parley/flow';
import { createUnderstander, type Understander } from '@parley/nlu';

export function understandingFor(): Understand {
  const byFlow = new WeakMap<Flow, Understander>();
  return (message, expectations, context) => {
    let understander = byFlow.get(context.flow);
    if (!understander) {
      understander = createUnderstander({ flow: context.flow });
      byFlow.set(context.flow, understander);
    }
    return understander.understand(message, expectations, { now: context.now, locale: context.locale });
  };
}
