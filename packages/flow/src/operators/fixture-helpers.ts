/** Builders for operator fixtures: an understanding with given entities / intent / polarity. */
import type { Entity, Understanding } from '@parley/contract';
import type { OperatorContext } from './types';

export function understood(parts: Partial<Understanding> = {}): Understanding {
  return { intent: null, confidence: 0, tier: 'rules', candidates: [], entities: [], reasons: [], elapsedMs: 0, ...parts };
}

export function withEntities(text: string, entities: Array<Partial<Entity> & Pick<Entity, 'type' | 'value'>>): Partial<OperatorContext> {
  return {
    input: { kind: 'text', text },
    understanding: understood({ entities: entities.map((e) => ({ text: String(e.value), start: 0, end: 0, ...e })) }),
  };
}
