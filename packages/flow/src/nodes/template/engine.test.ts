import { describe, expect, it } from 'vitest';
import { Conversation, makeFlow } from '../../engine/test-kit';

describe('template node', () => {
  it('sends a template with rendered parameters', () => {
    const flow = makeFlow(
      [
        {
          id: 't',
          type: 'template',
          name: 'cart_reminder',
          language: 'en_US',
          params: { body: ['{{contact.name}}', '{{format_number(total, 2)}}'] },
          exits: { next: null },
        },
      ],
      { variables: { total: { type: 'number', default: 9 } } },
    );
    const c = new Conversation(flow);
    c.start({ contact: { id: 'c', name: 'Bo' } });
    expect(c.of('send')[0]!.message).toEqual({
      kind: 'template',
      name: 'cart_reminder',
      language: 'en_US',
      params: { body: ['Bo', '9.00'] },
    });
  });
});
