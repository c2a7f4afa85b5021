import { describe, expect, it } from 'vitest';
import { conversationId } from '../conversation';
import { contactKeyOf, conversationOf, normalizeAddress, timezoneForCountry, timezoneForNumber } from './addresses';

describe('contact addresses', () => {
  it('maps a conversation to its contact and back (WhatsApp with +, the others as they are), and no simulator contact', () => {
    const wa = conversationId('demo', 'whatsapp', '5511912345678');
    expect(contactKeyOf(wa)).toEqual({ tenant: 'demo', channel: 'whatsapp', address: '+5511912345678' });
    expect(conversationOf('demo', 'whatsapp', '+5511912345678')).toBe(wa);
    const ig = conversationId('demo', 'instagram', '17841400000000001');
    expect(contactKeyOf(ig)).toEqual({ tenant: 'demo', channel: 'instagram', address: '17841400000000001' });
    expect(conversationOf('demo', 'instagram', '17841400000000001')).toBe(ig);
    expect(contactKeyOf(conversationId('sim', 'simulator', 'abc'))).toBeNull();
    // A username-only WhatsApp user: Meta sends a business-scoped user id, no number.
    const bsuid = conversationId('demo', 'whatsapp', 'US.13491208655302741918');
    expect(contactKeyOf(bsuid)).toEqual({ tenant: 'demo', channel: 'whatsapp', address: 'US.13491208655302741918' });
    expect(conversationOf('demo', 'whatsapp', 'US.13491208655302741918')).toBe(bsuid);
  });

  it('normalizes numbers however they were typed to E.164', () => {
    const cases: Array<[string, string | undefined, string]> = [
      ['+1 (415) 555-2671', undefined, '+14155552671'],
      ['5511912345678', undefined, '+5511912345678'],
      ['(11) 91234-5678', 'BR', '+5511912345678'],
      ['(11) 91234-5678', 'br', '+5511912345678'],
      ['0049 151 12345678', undefined, '+4915112345678'],
      ['+34 612 34 56 78', 'BR', '+34612345678'],
      ['tel:+447911123456', undefined, '+447911123456'],
    ];
    for (const [raw, country, expected] of cases)
      expect(normalizeAddress('whatsapp', raw, country)).toMatchObject({ ok: true, address: expected });
  });

  it('says precisely what is wrong with a number', () => {
    const problem = (raw: string, country?: string) => {
      const result = normalizeAddress('whatsapp', raw, country);
      return result.ok ? `ok ${result.address}` : result.problem;
    };
    expect(problem('')).toBe('the address is empty');
    expect(problem('call me')).toBe('"call me" is not a phone number (it has letters)');
    expect(problem('911', 'US')).toBe('"911" is too short for US');
    expect(problem('+1555000')).toBe('"+1555000" is too short');
    expect(problem('+1 415 555 26711234')).toBe('"+1 415 555 26711234" is too long');
    expect(problem('+999 1234 5678')).toMatch(/unknown country calling code/);
    expect(problem('+1 555 123 4567')).toBe('"+1 555 123 4567" (+15551234567) is not a number in use in any country');
    expect(problem('(11) 1234', 'BR')).toMatch(/^"\(11\) 1234" is (too short|not a valid BR number)/);
    expect(problem('12345', 'XX')).toBe('"XX" is not a country code (expected ISO 3166 alpha-2, e.g. BR)');
  });

  it('keeps Messenger and Instagram ids as they are, refusing what is not an id', () => {
    expect(normalizeAddress('messenger', ' 6543210987654321 ')).toEqual({ ok: true, address: '6543210987654321' });
    const bad = normalizeAddress('instagram', 'a b');
    expect(bad).toEqual({ ok: false, problem: '"a b" is not a instagram id (expected up to 128 letters, digits and . _ @ + -)' });
  });

  it("gives the number's country's main time zone, and none for an unknown country", () => {
    expect(timezoneForNumber('+14155552671')).toBe('America/New_York');
    expect(timezoneForNumber('+5511912345678')).toBe('America/Sao_Paulo');
    expect(timezoneForNumber('34612345678')).toBe('Europe/Madrid');
    expect(timezoneForNumber('+919876543210')).toBe('Asia/Kolkata');
    expect(timezoneForNumber('+1555')).toBeUndefined();
    expect(timezoneForCountry('JP')).toBe('Asia/Tokyo');
    expect(timezoneForCountry('ZZ')).toBeUndefined();
  });
});
