/** Parley's own tiers 1-3 as an evaluated system: a flow is built from the training rows, messages go through `understand`. */
import type { IntentDecl } from '@parley/contract';
import type { SentenceEncoder } from '../classifier/word-vectors';
import { createUnderstander, type Thresholds, type Understander } from '../understand/understander';
import type { LabelledUtterance } from './csv';
import type { EvaluatedSystem, Prediction } from './system';

export function flowIntentsFromRows(rows: readonly LabelledUtterance[], language = 'en'): IntentDecl[] {
  const byIntent = new Map<string, string[]>();
  for (const row of rows) byIntent.set(row.intent, [...(byIntent.get(row.intent) ?? []), row.text]);
  return [...byIntent].map(([name, examples]) => ({ name, examples: { [language]: examples } }));
}

export function parleySystem(
  options: { thresholds?: Partial<Thresholds>; language?: string; encoder?: SentenceEncoder } = {},
): EvaluatedSystem & { understander?: Understander } {
  const system: EvaluatedSystem & { understander?: Understander } = {
    name: 'Parley',
    async train(rows) {
      const language = options.language ?? 'en';
      system.understander = createUnderstander({
        flow: { id: 'eval', languages: [language], intents: flowIntentsFromRows(rows, language) },
        ...(options.thresholds ? { thresholds: options.thresholds } : {}),
        ...(options.encoder ? { encoder: options.encoder } : {}),
      });
    },
    predict(text): Prediction {
      if (!system.understander) throw new Error('Parley system used before training');
      const result = system.understander.understand({ kind: 'text', text });
      return { intent: result.intent, best: result.intent ?? result.candidates[0]?.intent ?? null, confidence: result.confidence };
    },
  };
  return system;
}
