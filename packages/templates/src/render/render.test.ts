import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { languageHash } from '../hash';
import { cartReminder } from '../test-fixtures/cart-reminder';
import type { TemplateFile } from '../types';
import { compileRenderer, type RenderResult } from './compile';
import { exampleValues, renderPreview } from './preview';

const values = {
  first_name: 'Maya',
  item_count: 2,
  cart_total: { amount: 129.9, currency: 'USD' },
  product_image: 'https://shop.example.com/img/sneakers.jpg',
  cart_id: 'abc123',
};

function params(result: RenderResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.detail}`);
  return result.params;
}

const appointment: TemplateFile = {
  name: 'appointment_reminder',
  category: 'utility',
  parameters: {
    starts_at: { type: 'date_time', example: '2026-12-24T18:30:00Z', dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Berlin' },
    day: { type: 'date_time', example: '2026-12-24' },
    store: { type: 'location', example: { latitude: 52.52, longitude: 13.405, name: 'Mitte' } },
    tier: { type: 'text', example: 'gold', allowed: ['silver', 'gold'] },
    coupon: { type: 'text', example: 'XMAS10' },
  },
  languages: {
    en: {
      header: { format: 'location', parameter: 'store' },
      body: 'Your {{tier}} appointment is on {{starts_at}} (booked for {{day}}), see you there and thank you.',
      buttons: [
        { type: 'phone_number', text: 'Call us', phone: '+493012345678' },
        { type: 'quick_reply', text: 'Reschedule' },
        { type: 'copy_code', parameter: 'coupon' },
      ],
    },
    de: {
      header: { format: 'location', parameter: 'store' },
      body: 'Dein {{tier}}-Termin ist am {{starts_at}} (gebucht für {{day}}), bis dann und vielen Dank.',
      buttons: [
        { type: 'phone_number', text: 'Anrufen', phone: '+493012345678' },
        { type: 'quick_reply', text: 'Verschieben' },
        { type: 'copy_code', parameter: 'coupon' },
      ],
    },
  },
};

describe('compileRenderer', () => {
  it('renders named params, media header, URL suffix and quick-reply payload with their button index', () => {
    const renderer = compileRenderer(cartReminder(), 'en');
    expect(renderer).toMatchObject({
      name: 'cart_reminder',
      language: 'en',
      category: 'marketing',
      hash: languageHash(cartReminder(), 'en'),
    });
    expect(params(renderer.render(values))).toEqual({
      header: [{ type: 'image', link: 'https://shop.example.com/img/sneakers.jpg' }],
      body: [
        { type: 'text', name: 'first_name', text: 'Maya' },
        { type: 'text', name: 'item_count', text: '2' },
        { type: 'text', name: 'cart_total', text: '$129.90' },
      ],
      buttons: [
        { type: 'url', text: 'abc123', index: 0 },
        { type: 'payload', payload: 'stop_reminders', index: 1 },
      ],
    });
  });

  it('formats numbers and currency for the language: en $129.90, de 129,90 $', () => {
    const en = compileRenderer(cartReminder(), 'en');
    const de = compileRenderer(cartReminder(), 'de');
    const body = (r: RenderResult) => params(r).body!.map((p) => (typeof p === 'object' && 'text' in p ? p.text : p));
    expect(body(en.render({ ...values, item_count: 1234567.891 }))).toEqual(['Maya', '1,234,567.891', '$129.90']);
    expect(body(de.render({ ...values, item_count: 1234567.891 }))).toEqual(['Maya', '1.234.567,891', '129,90\u00a0$']);
    // A bare number takes the parameter's currency; another currency keeps its own code.
    expect(body(de.render({ ...values, cart_total: 5 }))[2]).toBe('5,00\u00a0$');
    expect(body(en.render({ ...values, cart_total: { amount: 5, currency: 'EUR' } }))[2]).toBe('€5.00');
    expect(body(en.render({ ...values, item_count: '3' }))[1]).toBe('3');
  });

  it('formats dates per language, style and time zone; location header; copy code; only needed button indexes', () => {
    const v = {
      starts_at: '2026-12-24T18:30:00Z',
      day: '2026-12-24',
      store: { latitude: 52.52, longitude: 13.405, name: 'Mitte' },
      tier: 'gold',
      coupon: 'XMAS10',
    };
    const en = params(compileRenderer(appointment, 'en').render(v));
    expect(en.header).toEqual([{ type: 'location', latitude: 52.52, longitude: 13.405, name: 'Mitte' }]);
    expect(en.body).toEqual([
      { type: 'text', name: 'tier', text: 'gold' },
      { type: 'text', name: 'starts_at', text: 'Thursday, December 24, 2026 at 7:30 PM' },
      { type: 'text', name: 'day', text: 'Dec 24, 2026' },
    ]);
    // The phone button and the payload-less quick reply take no parameter: only the copy code, at index 2.
    expect(en.buttons).toEqual([{ type: 'coupon_code', code: 'XMAS10', index: 2 }]);
    const de = params(compileRenderer(appointment, 'de').render({ ...v, starts_at: Date.parse('2026-12-24T18:30:00Z') }));
    expect(de.body!.slice(1)).toEqual([
      { type: 'text', name: 'starts_at', text: 'Donnerstag, 24. Dezember 2026 um 19:30' },
      { type: 'text', name: 'day', text: '24.12.2026' },
    ]);
  });

  it('uses the fallback for a missing or empty value, refuses a missing one without fallback', () => {
    const renderer = compileRenderer(cartReminder(), 'en');
    const { first_name: _, ...rest } = values;
    expect(params(renderer.render(rest)).body![0]).toEqual({ type: 'text', name: 'first_name', text: 'there' });
    expect(params(renderer.render({ ...values, first_name: '  ' })).body![0]).toEqual({ type: 'text', name: 'first_name', text: 'there' });
    expect(params(renderer.render({ ...values, first_name: null })).body![0]).toEqual({ type: 'text', name: 'first_name', text: 'there' });
    expect(renderer.render({ ...values, cart_id: undefined })).toEqual({
      ok: false,
      reason: 'missing_parameter',
      detail: 'cart_id: no value and no fallback',
    });
  });

  it('refuses invalid values with the parameter and what was expected', () => {
    const renderer = compileRenderer(cartReminder(), 'en');
    const refuse = (changes: Record<string, unknown>) => {
      const r = renderer.render({ ...values, ...changes });
      if (r.ok) throw new Error(`expected a refusal for ${JSON.stringify(changes)}`);
      expect(r.reason).toBe('invalid_parameter');
      return r.detail;
    };
    expect(refuse({ first_name: 'Maya\nRobinson' })).toBe(
      'first_name: a text parameter cannot contain a newline, a tab or more than 4 consecutive spaces (Meta refuses it)',
    );
    expect(refuse({ first_name: 'a\tb' })).toContain('tab');
    expect(refuse({ first_name: 'a     b' })).toContain('4 consecutive spaces');
    expect(refuse({ first_name: 'x'.repeat(41) })).toBe('first_name: at most 40 characters (got 41)');
    expect(refuse({ cart_id: 'abc 123' })).toContain('cart_id: must match ^[A-Za-z0-9_-]{1,64}$');
    expect(refuse({ item_count: 'two' })).toBe('item_count: expected a number, got "two"');
    expect(refuse({ item_count: Number.NaN })).toContain('expected a number');
    expect(refuse({ cart_total: { amount: 1, currency: 'dollars' } })).toContain('not an ISO 4217 currency code');
    expect(refuse({ product_image: 'ftp://x/y.jpg' })).toContain('product_image: expected an http(s) URL of the image');
    expect(refuse({ first_name: { name: 'Maya' } })).toBe('first_name: expected text, got an object');
    const appt = compileRenderer(appointment, 'en');
    const base = {
      starts_at: '2026-12-24T18:30:00Z',
      day: '2026-12-24',
      store: { latitude: 1, longitude: 2 },
      tier: 'gold',
      coupon: 'XMAS10',
    };
    expect(appt.render({ ...base, tier: 'platinum' })).toMatchObject({
      ok: false,
      detail: 'tier: must be one of "silver", "gold" (got "platinum")',
    });
    expect(appt.render({ ...base, starts_at: 'tomorrow' })).toMatchObject({ ok: false, reason: 'invalid_parameter' });
    expect(appt.render({ ...base, store: { latitude: 100, longitude: 2 } })).toMatchObject({
      ok: false,
      detail: expect.stringContaining('latitude'),
    });
    expect(appt.render({ ...base, coupon: 'X'.repeat(16) })).toMatchObject({
      ok: false,
      detail: 'coupon: a copy code has at most 15 characters (got 16)',
    });
  });

  it('authentication templates: the code in the body and in the OTP button', () => {
    const otp: TemplateFile = {
      name: 'login_code',
      category: 'authentication',
      parameters: { code: { type: 'text', example: '123456', pattern: '^[0-9]{4,8}$' } },
      languages: { en: { authentication: { otp: { type: 'copy_code' } } } },
    };
    expect(params(compileRenderer(otp, 'en').render({ code: '987654' }))).toEqual({
      body: [{ type: 'text', text: '987654' }],
      buttons: [{ type: 'url', text: '987654', index: 0 }],
    });
  });

  it('refuses a language the template lacks when compiling', () => {
    expect(() => compileRenderer(cartReminder(), 'fr')).toThrow(RangeError);
  });

  it('never throws, whatever the values', () => {
    const renderers = [compileRenderer(cartReminder(), 'en'), compileRenderer(cartReminder(), 'de'), compileRenderer(appointment, 'en')];
    const names = [
      'first_name',
      'item_count',
      'cart_total',
      'product_image',
      'cart_id',
      'starts_at',
      'day',
      'store',
      'tier',
      'coupon',
      'constructor',
      '__proto__',
    ];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.dictionary(fc.constantFrom(...names), fc.anything({ withDate: true, withMap: true, withNullPrototype: true })),
          fc.anything(),
        ),
        (input) => {
          for (const renderer of renderers) {
            const result = renderer.render(input as Record<string, unknown>);
            expect(typeof result.ok).toBe('boolean');
            if (!result.ok) expect(result.detail.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 2000 },
    );
    const hostile: Record<string, unknown> = { ...values };
    Object.defineProperty(hostile, 'first_name', {
      get() {
        throw new Error('boom');
      },
    });
    expect(renderers[0]!.render(hostile)).toEqual({ ok: false, reason: 'invalid_parameter', detail: 'cannot read the values: boom' });
  });
});

describe('renderPreview', () => {
  it('fills values, falls back, keeps {{name}} where nothing is known', () => {
    const t = cartReminder();
    expect(renderPreview(t, 'en', exampleValues(t))).toEqual({
      header: { type: 'media', mediaType: 'image', link: 'https://shop.example.com/img/sneakers.jpg' },
      body: 'Hi Maya, you left 2 items ($129.90) in your cart. Finish your order before they sell out.',
      footer: 'Reply STOP to opt out',
      buttons: [
        { type: 'url', text: 'Complete order', url: 'https://shop.example.com/cart/abc123' },
        { type: 'quick_reply', text: 'Stop reminders' },
      ],
    });
    expect(renderPreview(t, 'de', { item_count: 'lots' }).body).toBe(
      'Hallo there, in deinem Warenkorb liegen noch lots Artikel ({{cart_total}}). Bestelle jetzt, bevor sie ausverkauft sind.',
    );
    expect(renderPreview(t, 'fr', {}).body).toContain('no language "fr"');
  });
});
