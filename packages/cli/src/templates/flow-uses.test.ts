import type { Flow } from '@parley/flow';
import { describe, expect, it } from 'vitest';
import { defaultContext, evaluateValues, templateUses } from './flow-uses';

const flow: Flow = {
  id: 'abandoned-cart',
  name: 'Abandoned cart',
  specVersion: '1.0',
  revision: 1,
  languages: ['en'],
  start: 'remind',
  variables: { first_name: { type: 'string', default: 'there' }, cart_total: { type: 'number', default: 10 } },
  nodes: [
    {
      id: 'remind',
      type: 'template',
      name: 'cart_reminder',
      language: 'en',
      values: { first_name: '{{first_name}}', cart_total: '{{cart_total}}', cart_id: 'cart-{{contact.id}}', missing: '{{nope}}' },
      exits: { next: 'legacy' },
    },
    { id: 'legacy', type: 'template', name: 'order_update', language: 'es', params: { body: ['{{first_name}}'] } },
  ],
};

describe('templateUses', () => {
  it('lists every template node with its values (none for a legacy node)', () => {
    expect(templateUses([flow])).toEqual([
      {
        flowId: 'abandoned-cart',
        nodeId: 'remind',
        name: 'cart_reminder',
        language: 'en',
        values: { first_name: '{{first_name}}', cart_total: '{{cart_total}}', cart_id: 'cart-{{contact.id}}', missing: '{{nope}}' },
      },
      { flowId: 'abandoned-cart', nodeId: 'legacy', name: 'order_update', language: 'es' },
    ]);
  });
});

describe('evaluateValues', () => {
  const values = { first_name: '{{first_name}}', cart_total: '{{cart_total}}', cart_id: 'cart-{{contact.id}}', missing: '{{nope}}' };

  it('keeps the raw type of a whole {{expression}}, renders mixed text, and passes a missing value as null (the gate uses its fallback)', () => {
    const result = evaluateValues(values, flow, { label: 's', variables: { cart_total: 129.9 }, facts: { contact: { id: '42' } } }, 'en');
    expect(result.values).toEqual({ first_name: 'there', cart_total: 129.9, cart_id: 'cart-42', missing: null });
  });

  it('evaluates on the flow defaults when there are no samples', () => {
    expect(evaluateValues(values, flow, defaultContext(flow), 'en').values).toMatchObject({
      first_name: 'there',
      cart_total: 10,
      cart_id: 'cart-',
    });
  });

  it('reports an expression that fails, with the parameter', () => {
    const result = evaluateValues({ total: '{{1 +}}' }, flow, defaultContext(flow), 'en');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^total: /);
  });
});
