import { withEntities } from './fixture-helpers';
import { defineOperator, firstEntity, needsNone } from './helpers';

/** A whole operand that is a phone number (e.g. a variable) needs no extractor: 7–15 digits, E.164-ish. */
function wholePhone(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\+?[\d\s().-]{7,24}$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  return digits.length >= 7 && digits.length <= 15 ? `${trimmed.startsWith('+') ? '+' : ''}${digits}` : undefined;
}

export const hasPhone = defineOperator({
  name: 'has_phone',
  description: 'The text contains a phone number. The value is the number as the NLU normalized it (E.164 when it can).',
  args: [],
  checkArgs: needsNone('has_phone'),
  test(operand, _args, ctx) {
    const entity = firstEntity(operand, ctx, 'phone');
    if (entity) return { match: true, value: entity.value };
    const phone = wholePhone(operand);
    return phone ? { match: true, value: phone } : { match: false };
  },
  fixtures: [
    { operand: '+1 (415) 555-0100', args: [], expected: { match: true, value: '+14155550100' } },
    {
      operand: 'call 415 555 0100',
      args: [],
      ctx: withEntities('call 415 555 0100', [{ type: 'phone', value: '+14155550100' }]),
      expected: { match: true, value: '+14155550100' },
    },
    { operand: '12', args: [], expected: { match: false } },
    { operand: 'call me at +1 415 555 0100 tonight', args: [], needsNlu: true, expected: { match: true, value: '+14155550100' } },
  ],
});
