import { describe, expect, it } from 'vitest';
import { Conversation, makeFlow } from '../../engine/test-kit';

describe('end node', () => {
  it('ends with the outcome and cancels timers', () => {
    const flow = makeFlow([{ id: 'e', type: 'end', outcome: 'converted' }], { settings: { expireAfter: '1d' } });
    const c = new Conversation(flow);
    c.start();
    expect(c.of('end')).toEqual([{ type: 'end', outcome: 'converted' }]);
    expect(c.snapshot).toMatchObject({ status: 'ended', outcome: 'converted', timers: {} });
    expect(c.say('anyone?')).toEqual([]);
  });
});
