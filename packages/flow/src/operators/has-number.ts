import { withEntities } from './fixture-helpers';
import { numberOperator } from './numbers';

export const hasNumber = numberOperator(
  'has_number',
  'The text contains a number (digits or words the NLU reads as one, money amounts too).',
  [],
  () => true,
  [
    { operand: '42', args: [], expected: { match: true, value: 42 } },
    {
      operand: 'I want 3 pizzas',
      args: [],
      ctx: withEntities('I want 3 pizzas', [{ type: 'number', value: 3 }]),
      expected: { match: true, value: 3 },
    },
    {
      operand: 'about $20',
      args: [],
      ctx: withEntities('about $20', [{ type: 'money', value: { amount: 20, currency: 'USD' } }]),
      expected: { match: true, value: 20 },
    },
    { operand: 'none', args: [], expected: { match: false } },
    { operand: 'I want 3 pizzas', args: [], needsNlu: true, expected: { match: true, value: 3 } },
  ],
);
