import { describe, expect, it } from 'vitest';
import { Conversation, makeFlow } from '../../engine/test-kit';

describe('wait node', () => {
  it('waits for the wait timer', () => {
    const flow = makeFlow([
      { id: 'w', type: 'wait', duration: '1h', exits: { next: 'm' } },
      { id: 'm', type: 'message', text: 'An hour later', exits: { next: null } },
    ]);
    const c = new Conversation(flow);
    c.start();
    expect(c.of('timer.schedule')[0]).toMatchObject({ timerId: 'wait', kind: 'wait', delayMs: 3_600_000 });
    expect(c.snapshot?.status).toBe('active');
    c.fire('wait');
    expect(c.texts).toEqual(['An hour later']);
  });
});
