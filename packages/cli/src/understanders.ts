/**
 * One understander per flow, created on first use: training the classifier is the expensive
 * part, so every test of a file and every turn of a chat share it. Subflows get their own.
 */
import type { Flow, Understand } from '@parley/flow';
import { createUnderstander, type Understander, type UnderstanderOptions } from '@parley/nlu';

export interface UnderstandingOptions {
  /** Pretrained sentence vectors, as the runtime injects them. */
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

/**
 * Understanding as the runtime's workers do it: with the pretrained English word vectors
 * (Node-only, about a second to load) unless `--no-vectors` or PARLEY_NLU_VECTORS=0. The
 * decision is the runtime's own function, so a flow is understood the same way in CI, the
 * terminal and live; `description` names the configuration for the output.
 */
export async function understandingOptions(
  disabled: boolean,
  env: Record<string, string | undefined>,
): Promise<UnderstandingOptions & { description: string }> {
  const { understandingConfiguration } = await import('@parley/nlu/vectors');
  const { encoder, description } = understandingConfiguration({ disabled, ...(await vectorsSwitch(env)) });
  return { ...(encoder ? { encoder } : {}), description };
}

/** PARLEY_NLU_VECTORS read by the runtime's own table of environment variables: one reading of the switch everywhere. */
export async function vectorsSwitch(env: Readonly<Record<string, string | undefined>>): Promise<{ vectors?: boolean }> {
  const { readEnv } = await import('@parley/runtime/config');
  const vectors = readEnv(env, 'PARLEY_NLU_VECTORS');
  return vectors === undefined ? {} : { vectors };
}
