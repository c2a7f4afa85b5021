import { withEntities } from './fixture-helpers';
import { defineOperator, firstEntity, needsNone } from './helpers';

/** A whole operand that is an address (e.g. a variable) needs no extractor. */
const WHOLE_EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@.]{2,63}$/u;

export const hasEmail = defineOperator({
  name: 'has_email',
  description: 'The text contains an email address. The value is the address in lower case.',
  args: [],
  checkArgs: needsNone('has_email'),
  test(operand, _args, ctx) {
    const entity = firstEntity(operand, ctx, 'email');
    if (entity) return { match: true, value: entity.value };
    const trimmed = operand.trim();
    return WHOLE_EMAIL.test(trimmed) ? { match: true, value: trimmed.toLowerCase() } : { match: false };
  },
  fixtures: [
    { operand: 'Ana@Example.com', args: [], expected: { match: true, value: 'ana@example.com' } },
    {
      operand: 'mail me at ana@example.com',
      args: [],
      ctx: withEntities('mail me at ana@example.com', [{ type: 'email', value: 'ana@example.com' }]),
      expected: { match: true, value: 'ana@example.com' },
    },
    { operand: 'ana at example', args: [], expected: { match: false } },
    { operand: 'write to bob@corp.io today', args: [], needsNlu: true, expected: { match: true, value: 'bob@corp.io' } },
  ],
});
