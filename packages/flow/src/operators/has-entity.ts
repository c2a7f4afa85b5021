import { withEntities } from './fixture-helpers';
import { defineOperator, entitiesOf } from './helpers';

export const hasEntity = defineOperator({
  name: 'has_entity',
  description:
    'The message contains an entity of this type (number, money, email, phone, date, time, url) or a flow entity of this name (e.g. order_id). The value is its normalized value.',
  args: [{ name: 'entity', type: 'string', description: 'entity type or custom entity name' }],
  checkArgs: (args) =>
    args.length === 1 && typeof args[0] === 'string' && args[0].trim() !== '' ? null : 'has_entity takes exactly one entity type or name',
  test(operand, args, ctx) {
    const wanted = String(args[0]);
    const entity = entitiesOf(operand, ctx).find((e) => e.name === wanted || (e.type === wanted && e.type !== 'custom'));
    return entity ? { match: true, value: entity.value } : { match: false };
  },
  fixtures: [
    {
      operand: 'order AB-12345',
      args: ['order_id'],
      ctx: withEntities('order AB-12345', [{ type: 'custom', name: 'order_id', value: 'AB-12345' }]),
      expected: { match: true, value: 'AB-12345' },
    },
    {
      operand: '20 euros',
      args: ['money'],
      ctx: withEntities('20 euros', [{ type: 'money', value: { amount: 20, currency: 'EUR' } }]),
      expected: { match: true, value: { amount: 20, currency: 'EUR' } },
    },
    { operand: 'hello', args: ['order_id'], ctx: withEntities('hello', []), expected: { match: false } },
  ],
});
