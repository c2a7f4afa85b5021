/** The classifier's training set from a flow: examples, keywords, and each intent's own name and description. */
import type { IntentDecl } from '@parley/contract';
import type { TrainingExample } from '../classifier/model';

/** "order_status" → "order status": a flow author's intent name is a (short) example of what it means. */
export function humanizeIntentName(name: string): string {
  return name
    .replace(/[_.:-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
}

export function trainingExamples(intents: readonly IntentDecl[]): TrainingExample[] {
  const out: TrainingExample[] = [];
  for (const intent of intents) {
    const texts = [
      ...Object.values(intent.examples ?? {}).flat(),
      ...Object.values(intent.keywords ?? {}).flat(),
      humanizeIntentName(intent.name),
      ...(intent.description ? [intent.description] : []),
    ];
    for (const text of texts) if (typeof text === 'string' && text.trim()) out.push({ text, intent: intent.name });
  }
  return out;
}

/** A classifier only makes sense when at least two intents say something about themselves. */
export function hasTrainableIntents(intents: readonly IntentDecl[]): boolean {
  const described = intents.filter(
    (i) => Object.values(i.examples ?? {}).some((l) => l.length > 0) || Object.values(i.keywords ?? {}).some((l) => l.length > 0),
  );
  return described.length >= 2;
}
