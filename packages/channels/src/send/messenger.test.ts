import { describe, expect, it } from 'vitest';
import { buildSendRequests } from './build';
import { validateMessengerSend } from '../../../../test/fake-graph/validate';
import { utf8Bytes } from './text';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const options = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `o${i + 1}`, title: `Option number ${i + 1} with a long title`, description: 'desc' }));

function bodies(
  channel: 'messenger' | 'instagram',
  message: Parameters<typeof buildSendRequests>[2],
  opts: Parameters<typeof buildSendRequests>[3] = { senderId: 'PAGE' },
): Body[] {
  const requests = buildSendRequests(channel, 'PSID', message, opts);
  for (const r of requests) expect(validateMessengerSend(r.body)).toBeNull();
  return requests.map((r) => r.body as Body);
}

describe('buildSendRequests: Messenger / Instagram', () => {
  it('sends text with messaging_type RESPONSE by default, to /{page}/messages', () => {
    const requests = buildSendRequests('messenger', 'PSID', { kind: 'text', text: 'hi' }, { senderId: 'PAGE' });
    expect(requests).toEqual([
      { method: 'POST', path: '/PAGE/messages', body: { recipient: { id: 'PSID' }, messaging_type: 'RESPONSE', message: { text: 'hi' } } },
    ]);
    expect(buildSendRequests('messenger', 'PSID', { kind: 'text', text: 'hi' })[0]!.path).toBe('/me/messages');
  });

  it('splits Messenger text at 2,000 characters and Instagram text at 1,000 UTF-8 bytes', () => {
    expect(bodies('messenger', { kind: 'text', text: 'abc '.repeat(1000) }).every((b) => b.message.text.length <= 2000)).toBe(true);
    const ig = bodies('instagram', { kind: 'text', text: 'ü '.repeat(600) });
    expect(ig.length).toBe(2);
    expect(ig.every((b) => utf8Bytes(b.message.text) <= 1000)).toBe(true);
  });

  it('uses quick replies for ≤13 options (titles ≤20, unique) on the last text chunk', () => {
    const [b] = bodies('messenger', { kind: 'choices', text: 'Pick', options: options(13) });
    expect(b!.message.quick_replies).toHaveLength(13);
    expect(b!.message.quick_replies[0]).toEqual({ content_type: 'text', title: 'Option number 1 wit…', payload: 'o1' });
    expect(new Set(b!.message.quick_replies.map((q: Body) => q.title)).size).toBe(13);
  });

  it('uses generic-template carousels of ≤10 cards for more options', () => {
    const out = bodies('instagram', { kind: 'choices', text: 'Pick', options: options(14) });
    expect(out.map((b) => b.message.text ?? b.message.attachment.payload.elements.length)).toEqual(['Pick', 10, 4]);
    expect(out[1]!.message.attachment.payload.elements[0]).toEqual({
      title: 'Option number 1 with a long title',
      subtitle: 'desc',
      buttons: [{ type: 'postback', title: 'Choose', payload: 'o1' }],
    });
  });

  it('sends media as an attachment followed by its caption, and tags when asked', () => {
    const out = bodies(
      'messenger',
      { kind: 'media', media: { type: 'document', url: 'https://x/r.pdf', caption: 'Receipt' } },
      { senderId: 'PAGE', messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' },
    );
    expect(out.map((b) => b.message)).toEqual([
      { attachment: { type: 'file', payload: { url: 'https://x/r.pdf', is_reusable: true } } },
      { text: 'Receipt' },
    ]);
    expect(out[0]).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
  });

  it('refuses WhatsApp templates and tagless MESSAGE_TAG sends', () => {
    expect(() => buildSendRequests('messenger', 'P', { kind: 'template', name: 't', language: 'en', params: {} })).toThrow(
      'message: WhatsApp templates cannot be sent on messenger',
    );
    expect(() => buildSendRequests('messenger', 'P', { kind: 'text', text: 'x' }, { messagingType: 'MESSAGE_TAG' })).toThrow('opts.tag');
  });
});

describe('buildSendRequests: bad media', () => {
  it('refuses an unknown media type or a missing URL on both channels', () => {
    const bad = { kind: 'media', media: { type: 'constructor', url: 'https://x' } } as unknown as Parameters<typeof buildSendRequests>[2];
    expect(() => buildSendRequests('messenger', 'P', bad)).toThrow('message.media.type');
    expect(() => buildSendRequests('whatsapp', '1', bad, { senderId: 'PN' })).toThrow('message.media.type');
    expect(() => buildSendRequests('whatsapp', '1', { kind: 'media', media: { type: 'image', url: '' } }, { senderId: 'PN' })).toThrow(
      'message.media.url',
    );
  });
});
