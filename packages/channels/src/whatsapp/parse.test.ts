import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../parse';
import {
  wa,
  waBatch,
  waInbound,
  waStatus,
  waStatusWebhook,
  waValueErrors,
  DEFAULT_PHONE_NUMBER_ID,
  DEFAULT_WABA_ID,
} from '../../../../test/fake-graph/payloads';

const FROM = '16505551234';

/** Meta's text example, verbatim. */
const META_TEXT = {
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        {
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
            contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
            messages: [
              {
                from: '16505551234',
                id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
                timestamp: '1749416383',
                type: 'text',
                text: { body: 'Does it come in another color?' },
              },
            ],
          },
          field: 'messages',
        },
      ],
    },
  ],
};

function one(body: unknown) {
  const result = parseWebhook(body);
  expect(result.errors).toEqual([]);
  expect(result.messages).toHaveLength(1);
  return result.messages[0]!;
}

describe('parseWebhook: WhatsApp messages', () => {
  it("normalizes Meta's text example", () => {
    expect(one(META_TEXT)).toEqual({
      id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
      channel: 'whatsapp',
      tenantKey: '106540352242922',
      accountId: '102290129340398',
      contact: { id: '16505551234', name: 'Sheena Nelson', phone: '16505551234' },
      timestamp: 1749416383000,
      rawType: 'text',
      message: { kind: 'text', text: 'Does it come in another color?' },
    });
  });

  it.each([
    [
      'image',
      wa.image({ caption: 'Taj Mahal', id: '1003383421387256' }),
      { kind: 'media', media: { type: 'image', id: '1003383421387256', mime: 'image/jpeg', caption: 'Taj Mahal' } },
    ],
    ['video', wa.video({ id: '42' }), { kind: 'media', media: { type: 'video', id: '42', mime: 'video/mp4' } }],
    [
      'document',
      wa.document({ id: '7', caption: 'my receipt', filename: 'receipt.pdf' }),
      { kind: 'media', media: { type: 'document', id: '7', mime: 'application/pdf', caption: 'my receipt' } },
    ],
    [
      'location',
      wa.location(37.44, -122.16, { name: 'Philz Coffee', address: '101 Forest Ave' }),
      { kind: 'location', location: { latitude: 37.44, longitude: -122.16, name: 'Philz Coffee', address: '101 Forest Ave' } },
    ],
    ['interactive.button_reply', wa.buttonReply('cancel-button', 'Cancel'), { kind: 'button', choiceId: 'cancel-button', text: 'Cancel' }],
    [
      'interactive.list_reply',
      wa.listReply('priority_express', 'Priority Mail Express', 'Next Day'),
      { kind: 'list', choiceId: 'priority_express', text: 'Priority Mail Express' },
    ],
    ['button', wa.templateButton('Unsubscribe'), { kind: 'button', choiceId: 'Unsubscribe', text: 'Unsubscribe' }],
    [
      'contacts',
      wa.contacts([{ formattedName: 'Barbara J. Johnson', phone: '+1 (415) 555-0829', waId: '14125550829' }]),
      { kind: 'contacts', text: '+1 (415) 555-0829' },
    ],
    ['reaction', wa.reaction('wamid.target', '👍'), { kind: 'reaction', text: '👍' }],
  ])('maps %s', (rawType, content, message) => {
    const m = one(waInbound(FROM, content));
    expect(m.rawType).toBe(rawType);
    expect(m.message).toEqual(message);
  });

  it('marks voice notes and keeps the media id', () => {
    const m = one(waInbound(FROM, wa.audio({ voice: true, id: '123' })));
    expect(m.message).toEqual({ kind: 'media', media: { type: 'audio', id: '123', mime: 'audio/ogg; codecs=opus' } });
    expect(m.voice).toBe(true);
  });

  it('keeps the sticker and a media url when Meta sends one', () => {
    expect(one(waInbound(FROM, wa.sticker())).message.media?.type).toBe('sticker');
    expect(one(waInbound(FROM, wa.image({ url: 'https://lookaside.fbsbx.com/x' }))).message.media?.url).toBe(
      'https://lookaside.fbsbx.com/x',
    );
  });

  it('reads a removed reaction (emoji omitted or empty)', () => {
    expect(one(waInbound(FROM, wa.reaction('wamid.t'))).reaction).toEqual({ messageId: 'wamid.t', removed: true });
    expect(one(waInbound(FROM, { type: 'reaction', reaction: { message_id: 'wamid.t', emoji: '' } })).reaction).toEqual({
      messageId: 'wamid.t',
      removed: true,
    });
  });

  it('parses a Flow completion and its flow token', () => {
    const m = one(waInbound(FROM, wa.flowReply({ delivery_rating: '4', flow_token: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.' })));
    expect(m.rawType).toBe('interactive.nfm_reply');
    expect(m.flowReply).toEqual({
      name: 'flow',
      body: 'Sent',
      flowToken: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.',
      response: { delivery_rating: '4', flow_token: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.' },
    });
  });

  it('keeps an unparseable Flow response as null instead of failing the message', () => {
    const m = one(waInbound(FROM, { type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { response_json: '[1,2' } } }));
    expect(m.flowReply).toEqual({ response: null });
  });

  it('reads orders, system and unsupported messages', () => {
    const order = one(waInbound(FROM, wa.order([{ id: 'di9ozbzfi4', quantity: 2, price: 30 }], 'Love these!')));
    expect(order.order).toEqual({
      catalogId: '194836987003835',
      text: 'Love these!',
      items: [{ productRetailerId: 'di9ozbzfi4', quantity: 2, itemPrice: 30, currency: 'USD' }],
    });
    expect(order.message).toEqual({ kind: 'unsupported', text: 'Love these!' });

    const system = one(waInbound(FROM, wa.system(FROM, '12195555358')));
    expect(system.system).toMatchObject({ type: 'user_changed_number', newWaId: '12195555358' });
    expect(system.contact).toEqual({ id: FROM, phone: FROM });

    const unsupported = one(waInbound(FROM, wa.unsupported('poll_creation')));
    expect(unsupported).toMatchObject({
      rawType: 'unsupported',
      unsupportedType: 'poll_creation',
      message: { kind: 'unsupported' },
      errors: [{ code: 131051 }],
    });
    expect(one(waInbound(FROM, wa.unknown()))).toMatchObject({ rawType: 'unknown', message: { kind: 'unsupported' } });
    expect(one(waInbound(FROM, { type: 'poll', poll: {} }))).toMatchObject({ rawType: 'poll', unsupportedType: 'poll' });
  });

  it('reads reply context, forwarding and referrals', () => {
    const reply = one(waInbound(FROM, wa.text('replied text'), { context: { from: '15550783881', id: 'wamid.original' } }));
    expect(reply.replyTo).toEqual({ id: 'wamid.original', from: '15550783881' });
    expect(one(waInbound(FROM, wa.text('fwd'), { context: { frequently_forwarded: true } })).forwarded).toBe('frequently_forwarded');
    const ad = one(
      waInbound(FROM, wa.text('hi'), {
        referral: {
          source_url: 'https://fb.me/x',
          source_id: 'ad1',
          source_type: 'ad',
          headline: 'Sale',
          body: 'Now',
          media_type: 'image',
          image_url: 'https://i',
          ctwa_clid: 'clid',
          welcome_message: { text: 'Hello!' },
        },
      }),
    );
    expect(ad.referral).toEqual({
      sourceUrl: 'https://fb.me/x',
      sourceId: 'ad1',
      sourceType: 'ad',
      headline: 'Sale',
      body: 'Now',
      mediaType: 'image',
      mediaUrl: 'https://i',
      ctwaClid: 'clid',
      welcomeText: 'Hello!',
    });
  });

  it('keeps the group of a group message (courier group_message fixture)', () => {
    const body = waInbound('250788123123', wa.text('Hello World, group message'));
    ((body.entry as any)[0].changes[0].value.messages[0] as Record<string, unknown>).group_id = '555555555'; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(one(body)).toMatchObject({ groupId: '555555555', contact: { id: '250788123123' } });
  });

  it('handles users with a business-scoped id', () => {
    const both = one(waInbound('5678', wa.text('hi'), { bsuid: 'US.1234', username: '@kfisher', name: 'Kerry' }));
    expect(both.contact).toEqual({ id: '5678', phone: '5678', bsuid: 'US.1234', name: 'Kerry', username: '@kfisher' });

    const phoneless = one(waInbound('ignored', wa.text('hi'), { bsuid: 'US.13491208655302741918', phoneless: true }));
    expect(phoneless.contact).toMatchObject({ id: 'US.13491208655302741918', bsuid: 'US.13491208655302741918' });
    expect(phoneless.contact.phone).toBeUndefined();

    // Some payloads put the BSUID in `from` itself.
    const inFrom = one(waInbound('US.1234', wa.text('hi')));
    expect(inFrom.contact).toMatchObject({ id: 'US.1234', bsuid: 'US.1234' });
    expect(inFrom.contact.phone).toBeUndefined();
  });

  it('splits batches of many entries and changes, routing each by phone_number_id', () => {
    const body = waBatch([
      waInbound('111', wa.text('a'), { phoneNumberId: 'P1' }),
      waInbound('222', wa.text('b'), { phoneNumberId: 'P2' }),
      waStatusWebhook([waStatus('wamid.x', 'delivered')], { phoneNumberId: 'P1' }),
    ]);
    const result = parseWebhook(body);
    expect(result.errors).toEqual([]);
    expect(result.messages.map((m) => [m.tenantKey, m.contact.id, m.message.text])).toEqual([
      ['P1', '111', 'a'],
      ['P2', '222', 'b'],
    ]);
    expect(result.statuses).toHaveLength(1);
    expect(result.messages[0]!.accountId).toBe(DEFAULT_WABA_ID);
  });

  it('reports a malformed message with its path and still returns the rest of the batch', () => {
    const body = waInbound(FROM, wa.text('ok'));
    const value = (body.entry as any)[0].changes[0].value; // eslint-disable-line @typescript-eslint/no-explicit-any
    value.messages.unshift({ from: FROM, id: 'wamid.bad', timestamp: 'yesterday', type: 'text', text: { body: 'x' } });
    value.messages.push({ from: FROM, id: 'wamid.bad2', timestamp: '1', type: 'image', image: {} });
    const result = parseWebhook(body);
    expect(result.messages.map((m) => m.message.text)).toEqual(['ok']);
    expect(result.errors).toEqual([
      { path: '$.entry[0].changes[0].value.messages[0].timestamp', message: 'expected Unix seconds as a string of digits' },
      { path: '$.entry[0].changes[0].value.messages[2].image', message: 'expected a media id or url' },
    ]);
  });

  it('ignores other webhook fields and reports change-level errors', () => {
    const other = parseWebhook({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'phone_number_quality_update', value: {} }] }],
    });
    expect(other.ignored).toEqual([
      { path: '$.entry[0].changes[0].field', reason: 'webhook field "phone_number_quality_update" is not handled' },
    ]);
    expect(other.errors).toEqual([]);

    const errs = parseWebhook(waValueErrors([{ code: 130429, title: 'Rate limit hit' }]));
    expect(errs.platformErrors).toEqual([
      {
        code: 130429,
        title: 'Rate limit hit',
        message: 'Rate limit hit',
        details: 'Rate limit hit',
        channel: 'whatsapp',
        tenantKey: DEFAULT_PHONE_NUMBER_ID,
        path: '$.entry[0].changes[0].value.errors',
      },
    ]);
  });

  it('rejects a body that is not an object or has no messaging object', () => {
    expect(parseWebhook('hello').errors).toEqual([{ path: '$', message: 'expected a JSON object, got a string' }]);
    expect(parseWebhook({}).errors[0]!.path).toBe('$.object');
    expect(parseWebhook({ object: 'user' }).ignored[0]!.reason).toContain('"user"');
    expect(parseWebhook(META_TEXT, { channelHint: 'messenger' }).errors[0]!.message).toContain('messenger endpoint');
    expect(parseWebhook({ object: 'whatsapp_business_account', entry: 5 }).errors).toEqual([
      { path: '$.entry', message: 'expected an array of entries, got a number' },
    ]);
  });
});

describe('parseWebhook: WhatsApp statuses', () => {
  it('normalizes sent with conversation and pricing (Meta example)', () => {
    const body = waStatusWebhook([
      {
        id: 'wamid.A',
        status: 'sent',
        timestamp: '1750030073',
        recipient_id: '16505551234',
        conversation: { id: '72b1', expiration_timestamp: '1750116480', origin: { type: 'marketing' } },
        pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' },
      },
    ]);
    expect(parseWebhook(body).statuses).toEqual([
      {
        channel: 'whatsapp',
        tenantKey: DEFAULT_PHONE_NUMBER_ID,
        messageId: 'wamid.A',
        status: 'sent',
        timestamp: 1750030073000,
        recipientId: '16505551234',
        errors: [],
        conversation: { id: '72b1', originType: 'marketing', expiresAt: 1750116480000 },
        pricing: { billable: true, model: 'PMP', type: 'regular', category: 'marketing' },
      },
    ]);
  });

  it('normalizes failed statuses with their errors, and played/read', () => {
    const body = waStatusWebhook([
      waStatus('wamid.F', 'failed', { errors: [{ code: 131047, title: 'Re-engagement message', details: 'More than 24 hours' }] }),
      waStatus('wamid.P', 'played'),
      waStatus('wamid.R', 'read', { bizOpaqueCallbackData: 'k1' }),
    ]);
    const { statuses, errors } = parseWebhook(body);
    expect(errors).toEqual([]);
    expect(statuses.map((s) => s.status)).toEqual(['failed', 'played', 'read']);
    expect(statuses[0]!.errors).toEqual([
      { code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', details: 'More than 24 hours' },
    ]);
    expect(statuses[2]!.bizOpaqueCallbackData).toBe('k1');
  });

  it('rejects an unknown status value with a path', () => {
    const { errors } = parseWebhook(waStatusWebhook([{ id: 'wamid.X', status: 'teleported', timestamp: '1' }]));
    expect(errors).toEqual([
      {
        path: '$.entry[0].changes[0].value.statuses[0].status',
        message: 'expected one of sent, delivered, read, played, failed, deleted, got "teleported"',
      },
    ]);
  });
});

describe('parseWebhook: statuses for business-scoped users', () => {
  it('reads recipient_user_id when there is no phone number', () => {
    const { statuses } = parseWebhook(waStatusWebhook([waStatus('wamid.B', 'delivered', { recipientId: 'US.1234' })]));
    expect(statuses[0]).toMatchObject({ messageId: 'wamid.B', recipientBsuid: 'US.1234' });
    expect(statuses[0]!.recipientId).toBeUndefined();
  });
});

describe('parseWebhook: WhatsApp timestamps', () => {
  it.each([['1.5'], [-1], [1.797e305], ['1e3'], ['9999999999999'], [null]])('rejects %s', (timestamp) => {
    const body = waInbound(FROM, wa.text('x'));
    (body.entry as any)[0].changes[0].value.messages[0].timestamp = timestamp; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(parseWebhook(body).errors).toEqual([
      { path: '$.entry[0].changes[0].value.messages[0].timestamp', message: 'expected Unix seconds as a string of digits' },
    ]);
  });
});
