import { describe, expect, it } from 'vitest';
import type { TemplateMessage as ContractTemplateMessage } from '@parley/contract';
import { buildSendRequests } from './build';
import type { TemplateMessage } from './options';
import { validateWhatsAppSend } from '../../../../test/fake-graph/validate';

const PN = '106540352242922';

function templateOf(message: TemplateMessage | ContractTemplateMessage): Record<string, unknown> {
  const [request] = buildSendRequests('whatsapp', '16505551234', message, { senderId: PN });
  // Every body must also pass the fake Graph API's independent validation.
  expect(validateWhatsAppSend(request!.body)).toBeNull();
  return request!.body.template as Record<string, unknown>;
}

const build = (params: TemplateMessage['params']) => () =>
  buildSendRequests('whatsapp', '1', { kind: 'template', name: 't', language: 'en', params }, { senderId: PN });

describe('WhatsApp template builder: the contract TemplateParam union', () => {
  it('sends a rendered cart_reminder (named body params, image header, URL suffix after a param-less button)', () => {
    const message: ContractTemplateMessage = {
      kind: 'template',
      name: 'cart_reminder',
      language: 'en',
      category: 'marketing',
      version: 'sha256:abc',
      params: {
        header: [{ type: 'image', name: 'product_image', link: 'https://shop.example.com/img/sneakers.jpg' }],
        body: [
          { type: 'text', name: 'first_name', text: 'Maya' },
          { type: 'text', name: 'item_count', text: '2' },
          { type: 'text', name: 'cart_total', text: '$129.90' },
        ],
        // The quick reply (index 1) needs no parameter; the URL button is index 0.
        buttons: [{ type: 'url', text: 'abc123', index: 0 }],
      },
    };
    expect(templateOf(message)).toEqual({
      name: 'cart_reminder',
      language: { code: 'en' },
      components: [
        { type: 'header', parameters: [{ type: 'image', image: { link: 'https://shop.example.com/img/sneakers.jpg' } }] },
        {
          type: 'body',
          parameters: [
            { type: 'text', parameter_name: 'first_name', text: 'Maya' },
            { type: 'text', parameter_name: 'item_count', text: '2' },
            { type: 'text', parameter_name: 'cart_total', text: '$129.90' },
          ],
        },
        { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'abc123' }] },
      ],
    });
  });

  it('uses the template button index, not the array position, when the param carries one', () => {
    const t = templateOf({
      kind: 'template',
      name: 'offer',
      language: 'es',
      params: {
        buttons: [
          { type: 'url', text: 'summer', index: 2 },
          { type: 'coupon_code', code: 'SAVE25', index: 3 },
          { type: 'payload', payload: 'stop', index: 0 },
        ],
      },
    });
    expect(t.components).toEqual([
      { type: 'button', sub_type: 'url', index: '2', parameters: [{ type: 'text', text: 'summer' }] },
      { type: 'button', sub_type: 'copy_code', index: '3', parameters: [{ type: 'coupon_code', coupon_code: 'SAVE25' }] },
      { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'stop' }] },
    ]);
  });

  it('keeps the position as the index for legacy buttons without one', () => {
    const t = templateOf({ kind: 'template', name: 'x', language: 'en', params: { buttons: ['A', { type: 'coupon_code', code: 'C1' }] } });
    expect(t.components).toEqual([
      { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'A' }] },
      { type: 'button', sub_type: 'copy_code', index: '1', parameters: [{ type: 'coupon_code', coupon_code: 'C1' }] },
    ]);
  });

  it('sends a location header and a document with its file name', () => {
    const loc = templateOf({
      kind: 'template',
      name: 'delivery',
      language: 'en_US',
      params: {
        header: [{ type: 'location', latitude: 37.483307, longitude: -122.148981, name: 'Pablo Morales', address: '1 Hacker Way' }],
      },
    });
    expect(loc.components).toEqual([
      {
        type: 'header',
        parameters: [
          { type: 'location', location: { latitude: 37.483307, longitude: -122.148981, name: 'Pablo Morales', address: '1 Hacker Way' } },
        ],
      },
    ]);
    const doc = templateOf({
      kind: 'template',
      name: 'invoice',
      language: 'en',
      params: { header: [{ type: 'document', link: 'https://x.test/i.pdf', filename: 'invoice.pdf' }] },
    });
    expect(doc.components).toEqual([
      { type: 'header', parameters: [{ type: 'document', document: { link: 'https://x.test/i.pdf', filename: 'invoice.pdf' } }] },
    ]);
  });

  it('refuses what Meta would reject, with the path of the parameter', () => {
    expect(build({ body: [{ type: 'location', latitude: 1, longitude: 2 }] })).toThrow(
      'message.params.body[0]: a location parameter is only allowed in the header',
    );
    expect(build({ body: [{ type: 'coupon_code', code: 'X' }] })).toThrow(
      'message.params.body[0]: a coupon_code parameter is only allowed in buttons',
    );
    expect(build({ header: [{ type: 'url', text: 'x' }] })).toThrow('message.params.header[0]: a url parameter is only allowed in buttons');
    expect(build({ buttons: [{ type: 'image', link: 'https://x.test/a.png' }] })).toThrow(
      'message.params.buttons[0]: a image parameter cannot fill a button',
    );
    expect(build({ header: [{ type: 'location', latitude: 91, longitude: 0 }] })).toThrow(
      'message.params.header[0].latitude: expected a latitude from -90 to 90, got 91',
    );
    expect(build({ header: [{ type: 'location', latitude: 0, longitude: Number.NaN }] })).toThrow('message.params.header[0].longitude');
    expect(build({ buttons: [{ type: 'coupon_code', code: 'X'.repeat(16) }] })).toThrow(
      'message.params.buttons[0].code: expected a coupon code of 1 to 15 characters, got 16',
    );
    expect(build({ buttons: [{ type: 'url', text: 'a', index: 10 }] })).toThrow(
      'message.params.buttons[0].index: expected a button index from 0 to 9, got 10',
    );
    expect(build({ buttons: ['a', { type: 'url', text: 'b', index: 0 }] })).toThrow(
      'message.params.buttons[1]: button index 0 is already filled by message.params.buttons[0]',
    );
  });
});
