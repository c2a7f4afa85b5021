import { describe, expect, it } from 'vitest';
import { MalformedConversationId, asConversationId, conversationId, isSafeContactId, parseConversationId, validConversationId } from './id';

describe('conversation id', () => {
  it('is built from its parts and parsed back into them', () => {
    const conv = conversationId('acme', 'whatsapp', '4915112345678');
    expect(conv).toBe('acme:whatsapp:4915112345678');
    expect(parseConversationId(conv)).toEqual({ tenant: 'acme', channel: 'whatsapp', contactId: '4915112345678' });
    expect(parseConversationId(conversationId('sim', 'simulator', 'sid-1')).channel).toBe('simulator');
  });

  it('refuses a malformed id with an error that says what is wrong', () => {
    expect(() => parseConversationId('c1')).toThrowError(MalformedConversationId);
    expect(() => parseConversationId('c1')).toThrowError(
      '"c1" is not a conversation id "<tenant>:<channel>:<contact id>": it has 1 part(s), not 3',
    );
    expect(() => parseConversationId('acme:whatsapp:a:b')).toThrowError(/it has 4 part\(s\), not 3/);
    expect(() => parseConversationId('acme:telegram:1')).toThrowError(/"telegram" is not one of whatsapp, messenger, instagram, simulator/);
    expect(() => parseConversationId(':whatsapp:1')).toThrowError(/the tenant is empty/);
    expect(() => parseConversationId('acme:whatsapp:')).toThrowError(/the contact id is empty/);
  });

  it('checks a raw id once and hands back the typed id', () => {
    expect(asConversationId('acme:messenger:123')).toBe('acme:messenger:123');
    expect(() => asConversationId('acme:messenger')).toThrowError(MalformedConversationId);
  });

  it('accepts an id from outside only with a safe contact id', () => {
    expect(validConversationId('acme:instagram:17841400000')).toBe('acme:instagram:17841400000');
    expect(validConversationId('acme:instagram:a{b}')).toBeNull();
    expect(validConversationId('acme:fax:1')).toBeNull();
    expect(validConversationId('acme')).toBeNull();
    expect(isSafeContactId('+49 151')).toBe(false);
    expect(isSafeContactId('user.name@example+tag')).toBe(true);
  });
});
