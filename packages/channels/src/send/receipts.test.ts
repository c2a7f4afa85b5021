import { describe, expect, it } from 'vitest';
import { buildMarkRead, buildSenderAction } from './receipts';
import { validateMessengerSend, validateWhatsAppSend } from '../../../../test/fake-graph/validate';

describe('read receipts and typing', () => {
  it('builds a WhatsApp mark-as-read with an optional typing indicator', () => {
    const r = buildMarkRead('PN', 'wamid.in', { typing: true });
    expect(r).toEqual({
      method: 'POST',
      path: '/PN/messages',
      body: { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.in', typing_indicator: { type: 'text' } },
    });
    expect(validateWhatsAppSend(r.body)).toBeNull();
    expect(buildMarkRead('PN', 'wamid.in').body).not.toHaveProperty('typing_indicator');
    expect(() => buildMarkRead('PN', '')).toThrow('messageId');
  });

  it('builds Messenger sender actions', () => {
    const r = buildSenderAction('PSID', 'typing_on', 'PAGE');
    expect(r).toEqual({ method: 'POST', path: '/PAGE/messages', body: { recipient: { id: 'PSID' }, sender_action: 'typing_on' } });
    expect(validateMessengerSend(r.body)).toBeNull();
  });
});
