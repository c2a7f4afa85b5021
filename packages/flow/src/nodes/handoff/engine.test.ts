import { describe, expect, it } from 'vitest';
import { Conversation, makeFlow } from '../../engine/test-kit';

describe('handoff node', () => {
  it('hands off, ignores messages while handed off, and continues when released', () => {
    const flow = makeFlow([
      { id: 'h', type: 'handoff', queue: 'sales', reason: 'asked', message: 'Connecting you', exits: { next: 'back' } },
      { id: 'back', type: 'message', text: 'Bot again, note: {{note}}', exits: { next: null } },
    ]);
    const c = new Conversation(flow);
    c.start();
    expect(c.texts).toEqual(['Connecting you']);
    expect(c.of('handoff')).toEqual([{ type: 'handoff', nodeId: 'h', queue: 'sales', reason: 'asked' }]);
    expect(c.snapshot?.status).toBe('handoff');
    expect(c.say('hello?')).toEqual([]);
    c.send({ type: 'handoff.released', variables: { note: 'solved' } });
    expect(c.texts).toEqual(['Bot again, note: solved']);
  });
});
