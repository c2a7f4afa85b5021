import { describe, expect, it } from 'vitest';
import { Conversation, makeFlow } from '../../engine/test-kit';

describe('set node', () => {
  it('assigns in order, keeps types, coerces to declared types, reports bad expressions without stopping', () => {
    const flow = makeFlow(
      [
        {
          id: 's',
          type: 'set',
          assign: [
            { variable: 'n', value: '{{ 2 * 21 }}' },
            { variable: 'label', value: 'n is {{n}}' },
            { variable: 'count', value: '7' },
            { variable: 'broken', value: '{{ 1 / 0 }}' },
            { variable: 'items', value: "{{ ['a', 'b'] }}" },
          ],
          exits: { next: 'm' },
        },
        { id: 'm', type: 'message', text: '{{label}} {{count + 1}} {{join(items, "+")}}', exits: { next: null } },
      ],
      { variables: { count: { type: 'number' } } },
    );
    const c = new Conversation(flow);
    c.start();
    expect(c.texts).toEqual(['n is 42 8 a+b']);
    expect(c.vars).toMatchObject({ n: 42, label: 'n is 42', count: 7, broken: null, items: ['a', 'b'] });
    expect(c.of('analytics').find((a) => a.name === 'expression.error')).toMatchObject({
      nodeId: 's',
      data: { message: 'broken: division by zero' },
    });
  });
});

describe('set node: contact.<field> targets', () => {
  it('saves them to the contact (a contact.update effect) instead of the variables, leaving out failed expressions', () => {
    const flow = makeFlow([
      {
        id: 's',
        type: 'set',
        assign: [
          { variable: 'plan', value: 'gold' },
          { variable: 'contact.plan', value: '{{plan}}' },
          { variable: 'contact.orders', value: '{{ 2 + 1 }}' },
          { variable: 'contact.tags', value: "{{ ['vip', 'buyer'] }}" },
          { variable: 'contact.broken', value: '{{ 1 / 0 }}' },
        ],
        exits: { next: 'm' },
      },
      { id: 'm', type: 'message', text: 'ok', exits: { next: null } },
    ]);
    const c = new Conversation(flow);
    c.start();
    expect(c.of('contact.update')).toEqual([
      { type: 'contact.update', nodeId: 's', fields: { plan: 'gold', orders: 3, tags: ['vip', 'buyer'] } },
    ]);
    expect(c.vars).toEqual({ plan: 'gold' });
    expect(c.of('analytics').find((a) => a.name === 'expression.error')).toMatchObject({
      nodeId: 's',
      data: { message: 'contact.broken: division by zero' },
    });
  });

  it('emits nothing for the contact when a set node has no contact target', () => {
    const flow = makeFlow([{ id: 's', type: 'set', assign: [{ variable: 'x', value: '1' }], exits: { next: null } }]);
    const c = new Conversation(flow);
    c.start();
    expect(c.of('contact.update')).toEqual([]);
  });
});
