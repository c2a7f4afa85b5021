import { describe, expect, it } from 'vitest';
import { parseWebhook } from './parse';
import { validateMessage, validateStatus } from './schema.test-helper';
import { fb, messengerWebhook, wa, waInbound, waStatus, waStatusWebhook } from '../../../test/fake-graph/payloads';

const FROM = '16505551234';
const everyType = [
  wa.text('t'),
  wa.image({ caption: 'c' }),
  wa.video(),
  wa.audio({ voice: true }),
  wa.document(),
  wa.sticker(),
  wa.location(1, 2, { name: 'n', address: 'a' }),
  wa.contacts([{ formattedName: 'A B', phone: '+1', waId: '1', company: 'Co' }]),
  wa.buttonReply('b', 'B'),
  wa.listReply('l', 'L', 'd'),
  wa.flowReply({ flow_token: 'x' }),
  wa.templateButton('P', 'T'),
  wa.reaction('wamid.t', '👍'),
  wa.reaction('wamid.t'),
  wa.order([{ id: 'p', quantity: 2, price: 3 }], 'txt'),
  wa.system('1', '2'),
  wa.unsupported('edit'),
  wa.unknown(),
];

describe('schemas/message.schema.json', () => {
  it('accepts the normalized form of every WhatsApp inbound type', () => {
    for (const content of everyType) {
      const { messages, errors } = parseWebhook(
        waInbound(FROM, content, {
          context: { id: 'wamid.q', from: '1' },
          referral: { source_type: 'ad', ctwa_clid: 'c' },
          bsuid: 'US.9',
          username: '@u',
        }),
      );
      expect(errors).toEqual([]);
      expect(validateMessage(messages[0]), `${content.type}: ${JSON.stringify(validateMessage.errors)}`).toBe(true);
    }
  });

  it('accepts Messenger/Instagram messages and all statuses', () => {
    const r = parseWebhook(
      messengerWebhook('5678', [
        fb.text('a'),
        fb.quickReply('R', 'P'),
        fb.postback('t', 'p'),
        fb.attachment('video', { url: 'u' }),
        fb.attachment('share', { url: 'u' }),
        fb.delivery(['m'], 1),
        fb.read(2),
      ]),
    );
    const s = parseWebhook(
      waStatusWebhook([waStatus('wamid.a', 'sent', { withPricing: true }), waStatus('wamid.b', 'failed', { errors: [{ code: 1 }] })]),
    );
    for (const m of r.messages) expect(validateMessage(m), JSON.stringify(validateMessage.errors)).toBe(true);
    for (const st of [...r.statuses, ...s.statuses]) expect(validateStatus(st), JSON.stringify(validateStatus.errors)).toBe(true);
    expect(r.messages).toHaveLength(5);
    expect(r.statuses.length + s.statuses.length).toBe(4);
  });

  it('rejects what the engine could not use', () => {
    expect(
      validateMessage({
        id: 'x',
        channel: 'whatsapp',
        tenantKey: 't',
        contact: { id: 'c' },
        timestamp: 1,
        rawType: 'interactive',
        message: { kind: 'button' },
      }),
    ).toBe(false);
    expect(
      validateMessage({
        id: 'x',
        channel: 'sms',
        tenantKey: 't',
        contact: { id: 'c' },
        timestamp: 1,
        rawType: 'text',
        message: { kind: 'text', text: 'a' },
      }),
    ).toBe(false);
  });
});
