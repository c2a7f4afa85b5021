import { defineOperator, needsNone } from './helpers';

export const hasLocation = defineOperator({
  name: 'has_location',
  description: 'The message is a shared location. The value is {latitude, longitude, name?, address?}.',
  args: [],
  checkArgs: needsNone('has_location'),
  test(_operand, _args, ctx) {
    const location = ctx.input?.kind === 'location' ? ctx.input.location : undefined;
    return location ? { match: true, value: location } : { match: false };
  },
  fixtures: [
    {
      operand: '',
      args: [],
      ctx: { input: { kind: 'location', location: { latitude: 40.4, longitude: -3.7 } } },
      expected: { match: true, value: { latitude: 40.4, longitude: -3.7 } },
    },
    { operand: 'Madrid', args: [], ctx: { input: { kind: 'text', text: 'Madrid' } }, expected: { match: false } },
  ],
});
