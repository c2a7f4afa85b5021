/**
 * The fake Graph API's templates: management endpoints (list with paging, create validated like
 * Meta, edit, delete, resumable upload), review switches posting signed webhooks that
 * @parley/channels parses, auto-approval, and template sends checked against the store.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildSendRequests, classifyGraphError, type TemplateMessage } from '@parley/channels';
import { startFakeGraph, type FakeGraph } from './server';
import { DEFAULT_PHONE_NUMBER_ID, DEFAULT_WABA_ID } from './payloads';
import { graphCall, startReceiver, type Receiver } from './templates/test-receiver';

const SECRET = 'fake-secret';
const WABA = DEFAULT_WABA_ID;
const APP = '5550001';

/** What toMetaCreate sends for the design's cart_reminder (English), with a real upload handle. */
function cartReminder(handle: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'cart_reminder',
    language: 'en',
    category: 'MARKETING',
    parameter_format: 'NAMED',
    allow_category_change: false,
    components: [
      { type: 'HEADER', format: 'IMAGE', example: { header_handle: [handle] } },
      {
        type: 'BODY',
        text: 'Hi {{first_name}}, you left {{item_count}} items ({{cart_total}}) in your cart. Finish your order before they sell out.',
        example: {
          body_text_named_params: [
            { param_name: 'first_name', example: 'Maya' },
            { param_name: 'item_count', example: '2' },
            { param_name: 'cart_total', example: '$129.90' },
          ],
        },
      },
      { type: 'FOOTER', text: 'Reply STOP to opt out' },
      {
        type: 'BUTTONS',
        buttons: [
          {
            type: 'URL',
            text: 'Complete order',
            url: 'https://shop.example.com/cart/{{1}}',
            example: ['https://shop.example.com/cart/abc123'],
          },
          { type: 'QUICK_REPLY', text: 'Stop reminders' },
        ],
      },
    ],
    ...overrides,
  };
}

const SHIPPED_BODY = { type: 'BODY', text: 'Your order {{1}} has shipped.', example: { body_text: [['A-1']] } };
const simple = (name: string, language = 'en', category = 'UTILITY'): Record<string, unknown> => ({
  name,
  language,
  category,
  components: [SHIPPED_BODY],
});

let receiver: Receiver;
let graph: FakeGraph;
beforeAll(async () => {
  receiver = await startReceiver(SECRET);
});
afterAll(() => receiver.close());
afterEach(async () => {
  await graph?.close();
  receiver.parsed.length = 0;
});

async function upload(bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4])): Promise<string> {
  const open = await graphCall(
    graph.url,
    'POST',
    `/v21.0/${APP}/uploads?file_name=sneakers.jpg&file_length=${bytes.length}&file_type=image/jpeg`,
  );
  expect(open.status).toBe(200);
  const id = open.json.id as string;
  expect(id).toMatch(/^upload:/);
  const first = await graphCall(graph.url, 'POST', `/v21.0/${id}`, {
    bytes: bytes.slice(0, 3),
    headers: { authorization: 'OAuth test-token', file_offset: '0' },
  });
  expect(first.json).toEqual({ id, file_offset: 3 });
  const rest = await graphCall(graph.url, 'POST', `/v21.0/${id}`, {
    bytes: bytes.slice(3),
    headers: { authorization: 'OAuth test-token', file_offset: '3' },
  });
  expect(rest.status).toBe(200);
  return rest.json.h as string;
}

const create = (body: unknown, waba = WABA) => graphCall(graph.url, 'POST', `/v21.0/${waba}/message_templates`, { body });
const errorOf = (json: Record<string, unknown>) =>
  json.error as { code: number; error_subcode?: number; error_user_msg?: string; message: string };

describe('fake Graph API: template management', () => {
  it('creates a template after a resumable upload and lists it with the fields asked for', async () => {
    graph = await startFakeGraph({ appSecret: SECRET });
    const handle = await upload();
    const created = await create(cartReminder(handle));
    expect(created.status).toBe(200);
    expect(created.json).toEqual({ id: expect.stringMatching(/^\d{15,16}$/), status: 'PENDING', category: 'MARKETING' });
    const listed = await graphCall(graph.url, 'GET', `/v21.0/${WABA}/message_templates?fields=name,language,status,quality_score`);
    expect(listed.json.data).toEqual([
      {
        id: created.json.id,
        name: 'cart_reminder',
        language: 'en',
        status: 'PENDING',
        quality_score: { score: 'UNKNOWN', date: expect.any(Number) },
      },
    ]);
    const one = await graphCall(graph.url, 'GET', `/v21.0/${String(created.json.id)}`);
    expect(one.json).toMatchObject({ name: 'cart_reminder', parameter_format: 'NAMED', category: 'MARKETING', rejected_reason: 'NONE' });
    expect((one.json.components as unknown[]).length).toBe(4);
  });

  it('pages the list with cursors; paging.next carries the token like Meta', async () => {
    graph = await startFakeGraph({ appSecret: SECRET, templatePageSize: 2 });
    for (const name of ['a_one', 'b_two', 'c_three', 'd_four', 'e_five']) expect((await create(simple(name))).status).toBe(200);
    const names: string[] = [];
    let path: string | undefined = `/v21.0/${WABA}/message_templates?fields=name`;
    let pages = 0;
    while (path) {
      const page = await graphCall(graph.url, 'GET', path);
      expect(page.status).toBe(200);
      names.push(...(page.json.data as Array<{ name: string }>).map((t) => t.name));
      const next = (page.json.paging as { next?: string }).next;
      if (next) expect(new URL(next).searchParams.get('access_token')).toBe('test-token');
      path = next ? next.slice(graph.url.length) : undefined;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(names).toEqual(['a_one', 'b_two', 'c_three', 'd_four', 'e_five']);
    const bad = await graphCall(graph.url, 'GET', `/v21.0/${WABA}/message_templates?after=nonsense`);
    expect(errorOf(bad.json).error_user_msg).toBe('after: unknown cursor');
  });

  it('refuses bodies Meta refuses, saying where and what', async () => {
    graph = await startFakeGraph({ appSecret: SECRET });
    const handle = await upload();
    const cases: Array<[Record<string, unknown>, string, number?]> = [
      [{ ...simple('x'), name: 'Cart-Reminder' }, 'name: expected lowercase letters, digits and underscores'],
      [{ ...simple('x'), category: 'PROMO' }, 'category: expected MARKETING, UTILITY or AUTHENTICATION'],
      [
        cartReminder('4::forged'),
        'components[0].example.header_handle: unknown file handle (upload the file with the resumable upload API first)',
      ],
      [
        cartReminder(handle, {
          components: [
            {
              type: 'BODY',
              text: '{{first_name}}, your cart is waiting',
              example: { body_text_named_params: [{ param_name: 'first_name', example: 'M' }] },
            },
          ],
        }),
        "components[0].text: variables can't be at the start or end",
        2388299,
      ],
      [
        cartReminder(handle, {
          components: [{ type: 'BODY', text: 'Hi {{first_name}}, welcome back.', example: { body_text_named_params: [] } }],
        }),
        'components[0].example.body_text_named_params: expected an example for "first_name"',
      ],
      [
        { ...simple('x'), components: [{ type: 'BODY', text: 'Order {{1}} ships {{3}} today.', example: { body_text: [['a', 'b']] } }] },
        'components[0].example: positional parameters must be {{1}}, {{2}}… in order, got {{3}}',
      ],
      [
        {
          ...simple('x'),
          components: [
            SHIPPED_BODY,
            {
              type: 'BUTTONS',
              buttons: [
                { type: 'QUICK_REPLY', text: 'A' },
                { type: 'URL', text: 'Go', url: 'https://x.test' },
                { type: 'QUICK_REPLY', text: 'B' },
              ],
            },
          ],
        },
        'components[1].buttons: quick reply buttons must be grouped together',
      ],
      [{ ...simple('x'), components: [{ type: 'FOOTER', text: 'f' }] }, 'components: expected a BODY component'],
    ];
    for (const [body, message, subcode] of cases) {
      const res = await create(body);
      expect(res.status, message).toBe(400);
      const err = errorOf(res.json);
      expect(err.code).toBe(100);
      expect(err.error_user_msg).toBe(message);
      if (subcode) expect(err.error_subcode).toBe(subcode);
    }
    expect(graph.templates()).toEqual([]);
  });

  it('refuses a duplicate name+language (2388024) and a recently deleted one (2388023); deletes by name or hsm_id', async () => {
    graph = await startFakeGraph({ appSecret: SECRET });
    const en = await create(simple('order_update', 'en'));
    await create(simple('order_update', 'es'));
    const dup = await create(simple('order_update', 'en'));
    expect(errorOf(dup.json)).toMatchObject({ code: 100, error_subcode: 2388024 });

    const one = await graphCall(graph.url, 'DELETE', `/v21.0/${WABA}/message_templates?name=order_update&hsm_id=${String(en.json.id)}`);
    expect(one.json).toEqual({ success: true });
    expect(graph.templates(WABA).map((t) => t.language)).toEqual(['es']);
    const again = await create(simple('order_update', 'en'));
    expect(errorOf(again.json)).toMatchObject({ code: 100, error_subcode: 2388023 });

    expect((await graphCall(graph.url, 'DELETE', `/v21.0/${WABA}/message_templates?name=order_update`)).json).toEqual({ success: true });
    expect(graph.templates()).toEqual([]);
    const missing = await graphCall(graph.url, 'DELETE', `/v21.0/${WABA}/message_templates?name=order_update`);
    expect(errorOf(missing.json).error_user_msg).toBe('Message template not found: order_update');
  });

  it('edits only approved, rejected or paused templates, which go back to review', async () => {
    graph = await startFakeGraph({ appSecret: SECRET });
    const { json } = await create(simple('order_update'));
    const edit = (body: unknown) => graphCall(graph.url, 'POST', `/v21.0/${String(json.id)}`, { body });
    const newBody = { components: [{ type: 'BODY', text: 'Order {{1}} is on its way.', example: { body_text: [['A-1']] } }] };
    expect(errorOf((await edit(newBody)).json).error_user_msg).toBe(
      'a PENDING template cannot be edited (only APPROVED, REJECTED or PAUSED)',
    );
    await graph.approveTemplate('order_update', 'en', { webhook: false });
    expect(errorOf((await edit({ category: 'MARKETING' })).json).error_user_msg).toBe(
      'category: the category of an approved template cannot be edited',
    );
    expect((await edit(newBody)).json).toEqual({ success: true });
    const [t] = graph.templates();
    expect(t).toMatchObject({ status: 'PENDING', components: newBody.components });
  });

  it('answers a wrong token with 190 and an unknown WABA with 100/33', async () => {
    graph = await startFakeGraph({ appSecret: SECRET, knownIds: [WABA] });
    const wrong = await graphCall(graph.url, 'GET', `/v21.0/${WABA}/message_templates`, { token: 'nope' });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong.json).code).toBe(190);
    const other = await graphCall(graph.url, 'GET', '/v21.0/999/message_templates');
    expect(errorOf(other.json)).toMatchObject({ code: 100, error_subcode: 33 });
  });
});

describe('fake Graph API: review switches post signed template webhooks', () => {
  it('approve, reject, pause, disable, reinstate, quality and category each update the store and post what Meta posts', async () => {
    graph = await startFakeGraph({ appSecret: SECRET, webhookUrl: receiver.url });
    const { json } = await create(simple('order_update'));
    const id = String(json.id);
    await graph.approveTemplate('order_update', 'en');
    await graph.rejectTemplate('order_update', 'en', 'INCORRECT_CATEGORY');
    await graph.approveTemplate('order_update', 'en');
    await graph.pauseTemplate('order_update', 'en');
    await graph.disableTemplate('order_update', 'en');
    await graph.reinstateTemplate('order_update', 'en');
    await graph.setTemplateQuality('order_update', 'en', 'RED');
    await graph.changeTemplateCategory('order_update', 'en', 'MARKETING');
    expect(receiver.badSignatures).toBe(0);
    const events = receiver.parsed.flatMap((p) => {
      expect(p.errors).toEqual([]);
      return p.templateEvents;
    });
    const base = { wabaId: WABA, templateId: id, name: 'order_update', language: 'en', at: expect.any(Number) };
    expect(events).toEqual([
      { kind: 'status', ...base, status: 'approved', category: 'utility' },
      { kind: 'status', ...base, status: 'rejected', category: 'utility', reason: 'INCORRECT_CATEGORY' },
      { kind: 'status', ...base, status: 'approved', category: 'utility' },
      {
        kind: 'status',
        ...base,
        status: 'paused',
        category: 'utility',
        reason: expect.stringMatching(/^FIRST_PAUSE: .*paused for 3 hours/),
      },
      { kind: 'status', ...base, status: 'disabled', category: 'utility', reason: expect.stringMatching(/^DISABLED: /) },
      { kind: 'status', ...base, status: 'approved', category: 'utility' },
      { kind: 'quality', ...base, quality: 'red', previousQuality: 'unknown' },
      { kind: 'category', ...base, category: 'marketing', previousCategory: 'utility' },
    ]);
    expect(graph.webhooks.map((w) => [w.kind, w.status])).toEqual(Array.from({ length: 8 }, () => ['template', 200]));
    const [t] = graph.templates();
    expect(t!.listed).toMatchObject({ status: 'APPROVED', category: 'MARKETING', quality_score: { score: 'RED' } });
  });

  it('models a missed webhook ({ webhook: false }) and complains about a template it does not have', async () => {
    graph = await startFakeGraph({ appSecret: SECRET, webhookUrl: receiver.url });
    await create(simple('order_update'));
    expect(await graph.pauseTemplate('order_update', 'en', { webhook: false })).toEqual([]);
    expect(receiver.parsed).toEqual([]);
    const listed = await graphCall(graph.url, 'GET', `/v21.0/${WABA}/message_templates?fields=status`);
    expect((listed.json.data as Array<{ status: string }>)[0]!.status).toBe('PAUSED');
    await expect(graph.approveTemplate('order_update', 'fr')).rejects.toThrow(
      'fake Graph API: no template "order_update" in language "fr"',
    );
  });

  it('auto-approves created and edited templates after the delay, with the webhook', async () => {
    graph = await startFakeGraph({ appSecret: SECRET, webhookUrl: receiver.url, autoApproveTemplates: { delayMs: 20 } });
    const { json } = await create(simple('order_update'));
    expect(json.status).toBe('PENDING');
    await receiver.waitFor(1);
    expect(receiver.parsed[0]!.templateEvents).toMatchObject([{ kind: 'status', status: 'approved', templateId: json.id }]);
    expect(graph.templates()[0]!.status).toBe('APPROVED');
    // Deleted before its review ends: no approval arrives.
    await create(simple('gone_soon'));
    await graphCall(graph.url, 'DELETE', `/v21.0/${WABA}/message_templates?name=gone_soon`);
    await graph.idle();
    expect(receiver.parsed).toHaveLength(1);
  });
});

describe('fake Graph API: template sends checked against the store', () => {
  const PN = DEFAULT_PHONE_NUMBER_ID;
  async function sendTemplate(message: TemplateMessage) {
    const [r] = buildSendRequests('whatsapp', '16505551234', message, { senderId: PN });
    return graphCall(graph.url, 'POST', `/v21.0${r!.path}`, { body: r!.body });
  }
  const cart = (params: TemplateMessage['params'], language = 'en'): TemplateMessage => ({
    kind: 'template',
    name: 'cart_reminder',
    language,
    params,
  });
  const good: TemplateMessage['params'] = {
    header: [{ type: 'image', link: 'https://shop.example.com/img/sneakers.jpg' }],
    body: [
      { type: 'text', name: 'first_name', text: 'Maya' },
      { type: 'text', name: 'item_count', text: '2' },
      { type: 'text', name: 'cart_total', text: '$129.90' },
    ],
    buttons: [{ type: 'url', text: 'abc123', index: 0 }],
  };

  it('accepts a rendered send of an approved template and refuses paused (132015), disabled (132016), pending or unknown languages (132001)', async () => {
    graph = await startFakeGraph({ appSecret: SECRET });
    await create(cartReminder(await upload()));
    const pending = await sendTemplate(cart(good));
    expect(errorOf(pending.json).code).toBe(132001);
    await graph.approveTemplate('cart_reminder', 'en', { webhook: false });
    expect((await sendTemplate(cart(good))).status).toBe(200);
    expect(errorOf((await sendTemplate(cart(good, 'de'))).json).code).toBe(132001);
    await graph.pauseTemplate('cart_reminder', 'en', { webhook: false });
    const paused = await sendTemplate(cart(good));
    expect(errorOf(paused.json).code).toBe(132015);
    expect(classifyGraphError({ httpStatus: paused.status, body: paused.json })).toMatchObject({ kind: 'permanent', code: 132015 });
    await graph.disableTemplate('cart_reminder', 'en', { webhook: false });
    expect(errorOf((await sendTemplate(cart(good))).json).code).toBe(132016);
    expect(graph.sent).toHaveLength(1);
  });

  it('refuses parameters that do not fit the template (132000 / 132012)', async () => {
    graph = await startFakeGraph({ appSecret: SECRET });
    await create(cartReminder(await upload()));
    await graph.approveTemplate('cart_reminder', 'en', { webhook: false });
    const cases: Array<[TemplateMessage['params'], number, string]> = [
      [{ ...good, body: good.body!.slice(0, 2) }, 132000, 'body: expected 3 parameter(s), got 2'],
      [
        { ...good, body: [...good.body!.slice(0, 2), { type: 'text', name: 'total', text: '$1' }] },
        132000,
        'body: expected parameter_name "cart_total"; got ["first_name","item_count","total"]',
      ],
      [{ ...good, header: [] }, 132000, 'header: expected 1 parameter(s), got 0'],
      [{ ...good, header: [{ type: 'video', link: 'https://x.test/v.mp4' }] }, 132012, 'header: expected a image parameter, got video'],
      [{ ...good, buttons: [] }, 132000, 'button index 0: the URL button needs a parameter'],
      [
        { ...good, buttons: [{ type: 'url', text: 'abc', index: 1 }] },
        132012,
        "button index 1: the template's button is QUICK_REPLY, got sub_type url",
      ],
      [
        { ...good, buttons: [...good.buttons!, { type: 'payload', payload: 'x', index: 4 }] },
        132000,
        'button index 4: the template has 2 button(s)',
      ],
    ];
    for (const [params, code, details] of cases) {
      const res = await sendTemplate(cart(params));
      const err = res.json.error as { code: number; error_data: { details: string } };
      expect([err.code, err.error_data.details]).toEqual([code, details]);
    }
    // The quick reply may carry a payload.
    expect(
      (await sendTemplate(cart({ ...good, buttons: [...good.buttons!, { type: 'payload', payload: 'stop', index: 1 }] }))).status,
    ).toBe(200);
  });

  it('sends templates it does not know unchecked, unless strictTemplates', async () => {
    graph = await startFakeGraph({ appSecret: SECRET });
    const legacy: TemplateMessage = { kind: 'template', name: 'order_update', language: 'en_US', params: { body: ['Pablo'] } };
    expect((await sendTemplate(legacy)).status).toBe(200);
    await graph.close();
    graph = await startFakeGraph({ appSecret: SECRET, strictTemplates: true });
    expect(errorOf((await sendTemplate(legacy)).json).code).toBe(132001);
  });
});
