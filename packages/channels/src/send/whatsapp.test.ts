import { describe, expect, it } from 'vitest';
import { buildSendRequests } from './build';
import { SendBuildError } from './options';
import { validateWhatsAppSend } from '../../../../test/fake-graph/validate';

const PN = '106540352242922';
const opts = { senderId: PN };
const options = (n: number, title = (i: number) => `Option ${i + 1}`) =>
  Array.from({ length: n }, (_, i) => ({ id: `o${i + 1}`, title: title(i) }));
type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function bodies(
  message: Parameters<typeof buildSendRequests>[2],
  o: Parameters<typeof buildSendRequests>[3] = opts,
  to = '16505551234',
): Body[] {
  const requests = buildSendRequests('whatsapp', to, message, o);
  for (const r of requests) {
    expect(r).toMatchObject({ method: 'POST', path: `/${PN}/messages` });
    // Every request must pass the fake Graph API's independent validation of Meta's limits.
    expect(validateWhatsAppSend(r.body)).toBeNull();
  }
  return requests.map((r) => r.body as Body);
}

describe('buildSendRequests: WhatsApp', () => {
  it('builds a text message with the common fields', () => {
    expect(
      bodies({ kind: 'text', text: 'hello' }, { ...opts, replyToMessageId: 'wamid.in', bizOpaqueCallbackData: 'key-1', previewUrl: true }),
    ).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '16505551234',
        context: { message_id: 'wamid.in' },
        biz_opaque_callback_data: 'key-1',
        type: 'text',
        text: { body: 'hello', preview_url: true },
      },
    ]);
  });

  it('addresses business-scoped users by `recipient`', () => {
    const [b] = bodies({ kind: 'text', text: 'hi' }, opts, 'US.13491208655302741918');
    expect(b!.recipient).toBe('US.13491208655302741918');
    expect(b!.to).toBeUndefined();
  });

  it('splits text over 4,096 characters into several messages; only the first quotes', () => {
    const text = Array.from({ length: 1500 }, (_, i) => `word${i}`).join(' ');
    const out = bodies({ kind: 'text', text }, { ...opts, replyToMessageId: 'wamid.q' });
    expect(out.length).toBe(Math.ceil(text.length / 4096));
    for (const b of out) expect(b.text.body.length).toBeLessThanOrEqual(4096);
    expect(out.map((b) => b.text.body).join(' ')).toBe(text);
    expect(out.filter((b) => b.context)).toHaveLength(1);
  });

  it('renders ≤3 options as reply buttons with titles cut to 20 and unique', () => {
    const [b] = bodies(
      {
        kind: 'choices',
        text: 'How should we deliver?',
        options: [
          { id: 'home', title: 'Delivery to my home address' },
          { id: 'office', title: 'Delivery to my home office' },
          { id: 'pickup', title: 'Pickup' },
        ],
      },
      { ...opts, header: 'Delivery', footer: 'Lucky Shrub' },
    );
    expect(b!.type).toBe('interactive');
    expect(b!.interactive).toEqual({
      type: 'button',
      header: { type: 'text', text: 'Delivery' },
      body: { text: 'How should we deliver?' },
      footer: { text: 'Lucky Shrub' },
      action: {
        buttons: [
          { type: 'reply', reply: { id: 'home', title: 'Delivery to my home…' } },
          { type: 'reply', reply: { id: 'office', title: 'Delivery to my… (2)' } },
          { type: 'reply', reply: { id: 'pickup', title: 'Pickup' } },
        ],
      },
    });
  });

  it('sends button prompts over 1,024 characters as text first, buttons last', () => {
    const text = 'word '.repeat(400).trim();
    const out = bodies({ kind: 'choices', text, options: options(2) });
    expect(out.map((b) => b.type)).toEqual(['text', 'interactive']);
    expect(out[1]!.interactive.body.text.length).toBeLessThanOrEqual(1024);
  });

  it('renders 4–10 options as one list with rows ≤24 and descriptions ≤72', () => {
    const opts10 = options(10, (i) => `A very long row title number ${i}`).map((o) => ({ ...o, description: 'x'.repeat(100) }));
    const [b] = bodies({ kind: 'choices', text: 'Pick one', options: opts10, listButton: 'See all the available options' });
    expect(b!.interactive.type).toBe('list');
    expect(b!.interactive.action.button).toBe('See all the availabl…'.slice(0, 19) + '…');
    const rows = b!.interactive.action.sections[0].rows;
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({ id: 'o1', title: 'A very long row title n…', description: 'x'.repeat(71) + '…' });
    expect(new Set(rows.map((r: Body) => r.title)).size).toBe(10);
  });

  it('pages more than 10 options into several list messages of ≤10 rows, in order', () => {
    const out = bodies({ kind: 'choices', text: 'Pick a city', options: options(23) }, { ...opts, header: 'Cities' });
    expect(out).toHaveLength(3);
    expect(out.map((b) => b.interactive.body.text)).toEqual(['Pick a city', 'More options (2/3)', 'More options (3/3)']);
    expect(out.map((b) => b.interactive.action.sections.flatMap((s: Body) => s.rows.map((r: Body) => r.id)))).toEqual([
      options(10).map((o) => o.id),
      options(20)
        .slice(10)
        .map((o) => o.id),
      options(23)
        .slice(20)
        .map((o) => o.id),
    ]);
    expect(out[0]!.interactive.header).toEqual({ type: 'text', text: 'Cities' });
    expect(out[1]!.interactive.header).toBeUndefined();
  });

  it('keeps sections, titles them when several share a list, and continues a section across pages', () => {
    const opts12 = options(12);
    const out = bodies({
      kind: 'choices',
      text: 'Menu',
      options: opts12,
      sections: [
        { title: 'Drinks', optionIds: ['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8'] },
        { title: 'Food', optionIds: ['o9', 'o10', 'o11'] },
      ],
    });
    expect(out).toHaveLength(2);
    const page1 = out[0]!.interactive.action.sections;
    expect(page1.map((s: Body) => [s.title, s.rows.length])).toEqual([
      ['Drinks', 8],
      ['Food', 2],
    ]);
    const page2 = out[1]!.interactive.action.sections;
    expect(page2.map((s: Body) => [s.title, s.rows.map((r: Body) => r.id)])).toEqual([
      ['Food', ['o11']],
      ['Options', ['o12']],
    ]);
  });

  it('refuses options Meta would reject, with the path', () => {
    const build = (message: Parameters<typeof buildSendRequests>[2]) => () => buildSendRequests('whatsapp', '1', message, opts);
    expect(build({ kind: 'choices', text: 'x', options: [] })).toThrow(
      new SendBuildError('message.options', 'a choice prompt needs at least one option'),
    );
    expect(
      build({
        kind: 'choices',
        text: 'x',
        options: [
          { id: 'a', title: 'A' },
          { id: 'a', title: 'B' },
        ],
      }),
    ).toThrow('message.options[1].id: duplicate option id "a"');
    expect(build({ kind: 'choices', text: 'x', options: [{ id: 'x'.repeat(257), title: 'A' }] })).toThrow(
      'message.options[0].id: ids must be 1–256 characters, got 257',
    );
    expect(build({ kind: 'choices', text: 'x', options: options(5), sections: [{ optionIds: ['nope'] }] })).toThrow(
      'message.sections[0].optionIds[0]: no option with id "nope"',
    );
    expect(build({ kind: 'text', text: '  ' })).toThrow('message.text');
    expect(() => buildSendRequests('whatsapp', '1', { kind: 'text', text: 'x' }, {})).toThrow('opts.senderId');
  });

  it('sends media by link, with captions where Meta allows them', () => {
    expect(
      bodies({
        kind: 'media',
        media: { type: 'document', url: 'https://x.test/r.pdf', caption: 'Your receipt', filename: 'receipt.pdf' },
      })[0],
    ).toMatchObject({
      type: 'document',
      document: { link: 'https://x.test/r.pdf', caption: 'Your receipt', filename: 'receipt.pdf' },
    });
    const audio = bodies({ kind: 'media', media: { type: 'audio', url: 'https://x.test/a.ogg', caption: 'Listen' } });
    expect(audio.map((b) => b.type)).toEqual(['audio', 'text']);
    expect(audio[0]!.audio).toEqual({ link: 'https://x.test/a.ogg' });
  });

  it('builds templates with typed parameters', () => {
    const [b] = bodies({
      kind: 'template',
      name: 'order_update',
      language: 'en_US',
      params: {
        header: [{ type: 'image', link: 'https://example.com/h.png' }],
        body: [
          'Pablo',
          { type: 'currency', fallback: '$10', code: 'USD', amount1000: 10000 },
          { type: 'date_time', fallback: 'May 1' },
          { type: 'text', name: 'first_name', text: 'Pablo' },
        ],
        buttons: ['CANCEL_1234', { type: 'url', text: '1234' }],
      },
    });
    expect(b!.template).toEqual({
      name: 'order_update',
      language: { code: 'en_US' },
      components: [
        { type: 'header', parameters: [{ type: 'image', image: { link: 'https://example.com/h.png' } }] },
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Pablo' },
            { type: 'currency', currency: { fallback_value: '$10', code: 'USD', amount_1000: 10000 } },
            { type: 'date_time', date_time: { fallback_value: 'May 1' } },
            { type: 'text', parameter_name: 'first_name', text: 'Pablo' },
          ],
        },
        { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'CANCEL_1234' }] },
        { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: '1234' }] },
      ],
    });
  });

  it('infers header media from plain-string URLs and rejects misplaced parameters', () => {
    const [b] = bodies({ kind: 'template', name: 't', language: 'es', params: { header: ['https://x.test/v.mp4?sig=1'], body: [] } });
    expect(b!.template.components).toEqual([
      { type: 'header', parameters: [{ type: 'video', video: { link: 'https://x.test/v.mp4?sig=1' } }] },
    ]);
    expect(() =>
      buildSendRequests(
        'whatsapp',
        '1',
        { kind: 'template', name: 't', language: 'es', params: { body: [{ type: 'payload', payload: 'p' }] } },
        opts,
      ),
    ).toThrow('message.params.body[0]: a payload parameter is only allowed in buttons');
    expect(() =>
      buildSendRequests(
        'whatsapp',
        '1',
        {
          kind: 'template',
          name: 't',
          language: 'es',
          params: { body: [{ type: 'currency', fallback: '1', code: 'usd', amount1000: 1 }] },
        },
        opts,
      ),
    ).toThrow('ISO 4217');
  });
});

describe('buildSendRequests: idempotency keys', () => {
  it('gives each part of a split message its own callback key', () => {
    const out = bodies({ kind: 'choices', text: 'Pick', options: options(25) }, { ...opts, bizOpaqueCallbackData: 'sess:3:0' });
    expect(out.map((b) => b.biz_opaque_callback_data)).toEqual(['sess:3:0', 'sess:3:0#1', 'sess:3:0#2']);
    const long = bodies({ kind: 'text', text: 'x'.repeat(5000) }, { ...opts, bizOpaqueCallbackData: 'k'.repeat(600) });
    expect(long.map((b) => b.biz_opaque_callback_data.length)).toEqual([512, 512]);
    expect(long[1]!.biz_opaque_callback_data.endsWith('#1')).toBe(true);
  });
});
