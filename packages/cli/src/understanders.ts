/**
 * One understander per flow, created on first use: training the classifier is the expensive
 * part, so every test of a file and every turn of a chat share it. Subflows get their own.
 */
import type { Flow, Understand } from '@parley/flow';
import { createUnderstander, type Understander, type UnderstanderOptions } from '@parley/nlu';

export interface UnderstandingOptions {
  /** Pretrained sentence vectors (`--vectors`), as the runtime may inject them. */
  encoder?: UnderstanderOptions['encoder'];
}

export function understandingFor(options: UnderstandingOptions = {}): Understand {
  const byFlow = new WeakMap<Flow, Understander>();
  return (message, expectations, context) => {
    let understander = byFlow.get(context.flow);
    if (!understander) {
      understander = createUnderstander({ flow: context.flow, ...(options.encoder ? { encoder: options.encoder } : {}) });
      byFlow.set(context.flow, understander);
    }
    return understander.understand(message, expectations, { now: context.now, locale: context.locale });
  };
}

/** The pretrained English word vectors (Node-only, ~1 s to load), for `--vectors`. */
export async function loadEncoder(): Promise<NonNullable<UnderstanderOptions['encoder']>> {
  const { loadWordVectors } = await import('@parley/nlu/vectors');
  return loadWordVectors();
}
