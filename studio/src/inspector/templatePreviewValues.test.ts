import { describe, expect, it } from 'vitest';
import type { Flow } from '@parley/flow';
import type { ParameterSpec } from '@parley/templates';
import { previewValues, singleExpression } from './templatePreviewValues';

const flow: Flow = {
  id: 'f',
  name: 'F',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 't',
  variables: {
    first_name: { type: 'string', default: 'Ada' },
    total: { type: 'number', default: 42.5 },
    order: { type: 'object', default: { id: 'A-17' } },
    email: { type: 'string' },
  },
  nodes: [{ id: 't', type: 'template', name: 'x', language: 'en' }],
};

const parameters: Record<string, ParameterSpec> = {
  first_name: { type: 'text', example: 'Maya', fallback: 'there' },
  total: { type: 'number', example: 2 },
  order_id: { type: 'text', example: 'abc123' },
  greeting: { type: 'text', example: 'Hello' },
  email: { type: 'text', example: 'maya@example.com' },
  cart_id: { type: 'text', example: 'c1' },
};

describe('template node preview values', () => {
  it('evaluates mappings with the variables’ defaults, keeping a single expression’s type', () => {
    const { values, sources } = previewValues(flow, parameters, {
      first_name: '{{first_name}}',
      total: '{{ total }}',
      order_id: 'Order {{order.id}}',
      greeting: 'Hi there',
    });
    expect(values).toMatchObject({ first_name: 'Ada', total: 42.5, order_id: 'Order A-17', greeting: 'Hi there' });
    expect(sources).toMatchObject({ first_name: 'variables', total: 'variables', order_id: 'variables', greeting: 'literal' });
  });

  it('falls back to the declared fallback when unmapped, else to the example', () => {
    const { values, sources } = previewValues(flow, parameters, { email: '{{email}}', cart_id: 'x {{contact.name}}' });
    expect(values).toMatchObject({ first_name: 'there', total: 2, email: 'maya@example.com', cart_id: 'c1' });
    expect(sources).toMatchObject({ first_name: 'fallback', total: 'example', email: 'example', cart_id: 'example' });
  });

  it('tells a single expression from mixed text', () => {
    expect(singleExpression('{{ cart.total }}')).toBe(' cart.total ');
    expect(singleExpression('Hi {{name}}')).toBeNull();
    expect(singleExpression('plain')).toBeNull();
  });
});
