import { describe, expect, it } from 'vitest';
import type { Flow } from '../types';
import { understandingFlowFor } from './understanding-flow';

describe('understandingFlowFor', () => {
  const intent = (name: string, example: string) => ({ name, examples: { en: [example] } });
  const child = {
    id: 'child',
    languages: ['en'],
    intents: [intent('agent', 'child agent')],
    entities: [{ name: 'order_id', pattern: '\\d{6}' }],
    interrupts: [],
  } as unknown as Flow;
  const caller = {
    id: 'caller',
    languages: ['en'],
    intents: [intent('agent', 'caller agent'), intent('stop', 'stop it'), intent('faq', 'question')],
    interrupts: [
      { intent: 'agent', target: 'a' },
      { intent: 'stop', target: 's' },
    ],
  } as unknown as Flow;

  it("keeps the child's intents and entities and adds only the callers' interrupt intents it lacks", () => {
    const merged = understandingFlowFor(child, [caller]);
    expect(merged.intents?.map((i) => [i.name, i.examples])).toEqual([
      ['agent', { en: ['child agent'] }],
      ['stop', { en: ['stop it'] }],
    ]);
    expect(merged.entities).toBe(child.entities);
    expect(merged.id).toBe('child');
  });

  it('without callers the child flow is used as it is', () => {
    expect(understandingFlowFor(child, [])).toBe(child);
  });
});
