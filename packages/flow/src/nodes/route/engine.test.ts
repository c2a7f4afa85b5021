import { describe, expect, it } from 'vitest';
import { Conversation, makeFlow } from '../../engine/test-kit';

describe('route node', () => {
  const flow = makeFlow(
    [
      {
        id: 'r',
        type: 'route',
        cases: [
          { id: 'intent', test: { op: 'has_intent', args: ['order_status', 0.6] } },
          { id: 'num', test: { op: 'has_number_gt', args: [10] } },
          { id: 'vip', test: { op: 'expression', args: ['vip and total > 100'] } },
        ],
        exits: { intent: 'a', num: 'b', vip: 'c', default: 'd' },
      },
      { id: 'a', type: 'message', text: 'intent', exits: { next: null } },
      { id: 'b', type: 'message', text: 'number {{route.value}}', exits: { next: null } },
      { id: 'c', type: 'message', text: 'vip', exits: { next: null } },
      { id: 'd', type: 'message', text: 'default', exits: { next: null } },
    ],
    { variables: { vip: { type: 'boolean', default: false }, total: { type: 'number', default: 0 } } },
  );
  const wait = makeFlow([{ id: 'w', type: 'ask', prompt: 'Say', expect: 'text', saveAs: 'said', exits: { next: 'r' } }, ...flow.nodes], {
    variables: flow.variables,
  });

  it('takes the first matching case in order', () => {
    const c = new Conversation(wait);
    c.start();
    c.say('where is order 55', { intent: 'order_status', confidence: 0.9 });
    expect(c.texts).toEqual(['intent']);
    c.start();
    c.say('55');
    expect(c.texts).toEqual(['number 55']);
    c.start();
    c.say('hello');
    expect(c.texts).toEqual(['default']);
  });

  it('reads variables through expressions and operand templates', () => {
    const c = new Conversation(flow);
    c.start({ trigger: { kind: 'event', name: 'x', params: { vip: true, total: '150' } } });
    expect(c.texts).toEqual(['vip']);
    const operand = makeFlow(
      [
        {
          id: 'r',
          type: 'route',
          operand: '{{plan}}',
          cases: [{ id: 'pro', test: { op: 'equals', args: ['PRO'] } }],
          exits: { pro: 'p', default: null },
        },
        { id: 'p', type: 'message', text: 'pro!', exits: { next: null } },
      ],
      { variables: { plan: { type: 'string', default: 'pro' } } },
    );
    const d = new Conversation(operand);
    d.start();
    expect(d.texts).toEqual(['pro!']);
  });
});
