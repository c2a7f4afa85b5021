import { describe, expect, it } from 'vitest';
import { parseWebhook } from './parse';
import { fb, messengerWebhook, waInbound, waStatus, waStatusWebhook } from '../../../test/fake-graph/payloads';

/** What JSON.parse makes of `"body":"x\ud800y"` on the wire: a string with a lone surrogate. */
const LONE_HIGH = 'x\ud800y';
const LONE_LOW = 'a\udc00';

describe('parseWebhook: ingress text is well-formed Unicode', () => {
  it('replaces lone surrogates in WhatsApp text with U+FFFD and keeps real emoji', () => {
    const res = parseWebhook(
      JSON.parse(JSON.stringify(waInbound('16505551234', { type: 'text', text: { body: `${LONE_HIGH} 😀` } }, { name: LONE_LOW }))),
    );
    expect(res.errors).toEqual([]);
    expect(res.messages[0]!.message).toEqual({ kind: 'text', text: 'x\ufffdy 😀' });
    expect(res.messages[0]!.contact.name).toBe('a\ufffd');
  });

  it('repairs the raw bytes form too (the escape sequence as Meta would send it)', () => {
    const raw =
      '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",' +
      '"metadata":{"phone_number_id":"106540352242922"},"messages":[{"from":"16505551234","id":"wamid.A","timestamp":"1750000000","type":"text","text":{"body":"x\\ud800y"}}]}}]}]}';
    const res = parseWebhook(JSON.parse(raw));
    expect(res.messages[0]!.message).toEqual({ kind: 'text', text: 'x\ufffdy' });
  });

  it('repairs Messenger text, WhatsApp status error titles and nested flow replies', () => {
    const ms = parseWebhook(messengerWebhook('24680', [fb.text(LONE_HIGH)]));
    expect(ms.messages[0]!.message).toMatchObject({ kind: 'text', text: 'x\ufffdy' });

    const st = parseWebhook(waStatusWebhook([waStatus('wamid.S', 'failed', { errors: [{ code: 131026, title: LONE_LOW }] })]));
    expect(st.statuses[0]!.errors[0]!.title).toBe('a\ufffd');

    const flow = parseWebhook(
      waInbound('16505551234', {
        type: 'interactive',
        interactive: {
          type: 'nfm_reply',
          nfm_reply: { name: 'flow', body: 'Sent', response_json: JSON.stringify({ flow_token: 't', [`k${LONE_LOW}`]: [LONE_HIGH] }) },
        },
      }),
    );
    expect(flow.messages[0]!.flowReply?.response).toEqual({ flow_token: 't', 'ka\ufffd': ['x\ufffdy'] });
  });
});
