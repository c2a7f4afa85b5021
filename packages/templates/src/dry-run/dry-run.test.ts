import { describe, expect, it } from 'vitest';
import { cartReminder } from '../test-fixtures/cart-reminder';
import type { TemplateFile } from '../types';
import { dryRun } from './dry-run';
import { pathologicalSamples } from './samples';

/** A template whose parameters declare no limits: the pathological samples must break it. */
const unbounded: TemplateFile = {
  name: 'order_shipped',
  category: 'utility',
  parameters: {
    product: { type: 'text', example: 'Sneakers' },
    order_id: { type: 'text', example: 'A-1001' },
    total: { type: 'currency', example: { amount: 59.5, currency: 'EUR' } },
    shipped_on: { type: 'date_time', example: '2026-12-01' },
  },
  languages: {
    en: {
      header: { format: 'text', text: 'Your {{product}} shipped' },
      body: 'Good news: {{product}} from order {{order_id}} ({{total}}) left our warehouse on {{shipped_on}} and is on its way.',
      buttons: [{ type: 'url', text: 'Track', url: 'https://shop.example.com/track/{{order_id}}' }],
    },
  },
};

describe('pathologicalSamples', () => {
  it('covers longest strings, empty optionals, emoji, RTL, combining marks, locale numbers, far dates, long URLs', () => {
    const samples = pathologicalSamples(cartReminder(), 'en');
    const byLabel = Object.fromEntries(samples.map((s) => [s.label, s.values]));
    expect(Object.keys(byLabel)).toEqual([
      'examples',
      'longest allowed strings',
      'empty optionals (fallbacks apply)',
      'emoji and ZWJ sequences',
      'right-to-left (Arabic)',
      'right-to-left (Hebrew)',
      'combining marks',
      'large number with decimals',
      'zero',
      'negative number',
      'long URLs',
    ]);
    // maxLength 40 and the cart_id pattern {1,64} are respected exactly.
    expect(byLabel['longest allowed strings']!.first_name).toHaveLength(40);
    expect(byLabel['longest allowed strings']!.cart_id).toHaveLength(64);
    expect(byLabel['empty optionals (fallbacks apply)']!.first_name).toBe('');
    expect(byLabel['emoji and ZWJ sequences']!.first_name).toContain('👩‍👩‍👧‍👦');
    expect(byLabel['right-to-left (Arabic)']!.first_name).toMatch(/[\u0600-\u06ff]/);
    expect(byLabel['large number with decimals']).toMatchObject({
      item_count: 1234567.891,
      cart_total: { amount: 1234567.891, currency: 'USD' },
    });
    expect(String(byLabel['long URLs']!.product_image).length).toBeGreaterThan(1900);
    expect(pathologicalSamples(unbounded, 'en').map((s) => s.label)).toContain('far future date');
    expect(pathologicalSamples(cartReminder(), 'fr')).toEqual([]);
  });

  it('a template with limits on every text passes its own dry run', () => {
    const results = dryRun(cartReminder(), 'de', pathologicalSamples(cartReminder(), 'de'));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results[0]!.rendered?.body).toContain('129,90');
  });
});

describe('dryRun', () => {
  it('catches a newline in a parameter', () => {
    const [result] = dryRun(cartReminder(), 'en', [
      { label: 'from the CRM', values: { ...exampleOf(cartReminder()), first_name: 'Maya\nRobinson' } },
    ]);
    expect(result).toMatchObject({ label: 'from the CRM', ok: false });
    expect(result!.problems).toEqual([
      {
        code: 'invalid_parameter',
        message: 'first_name: a text parameter cannot contain a newline, a tab or more than 4 consecutive spaces (Meta refuses it)',
      },
    ]);
  });

  it('catches a header over 60 and a body over 1,024 characters once filled, and a URL too long', () => {
    const results = dryRun(unbounded, 'en', pathologicalSamples(unbounded, 'en'));
    const longest = results.find((r) => r.label === 'longest allowed strings')!;
    expect(longest.ok).toBe(false);
    const codes = longest.problems.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['header-too-long', 'body-too-long']));
    expect(longest.problems.find((p) => p.code === 'header-too-long')!.message).toMatch(
      /the filled header has \d+ characters; Meta takes at most 60/,
    );
    expect(longest.problems.find((p) => p.code === 'body-too-long')!.message).toMatch(
      /the filled body has \d+ characters; Meta takes at most 1024/,
    );
    expect(results.find((r) => r.label === 'examples')!.ok).toBe(true);
    const [longUrl] = dryRun(unbounded, 'en', [{ label: 'long id', values: { ...exampleOf(unbounded), order_id: 'x'.repeat(1990) } }]);
    expect(longUrl!.problems.map((p) => p.code)).toContain('url-too-long');
  });

  it('reports missing values, http media links and an unknown language', () => {
    const t = cartReminder();
    const [missing, http] = dryRun(t, 'en', [
      { label: 'no cart', values: { ...exampleOf(t), cart_id: '' } },
      { label: 'http image', values: { ...exampleOf(t), product_image: 'http://shop.example.com/a.jpg' } },
    ]);
    expect(missing!.problems).toEqual([{ code: 'missing_parameter', message: 'cart_id: no value and no fallback' }]);
    expect(http!.problems.map((p) => p.code)).toEqual(['media-not-https']);
    expect(dryRun(t, 'fr', [{ label: 'x', values: {} }])[0]!.problems[0]!.code).toBe('unknown_language');
  });
});

function exampleOf(t: TemplateFile): Record<string, unknown> {
  return Object.fromEntries(Object.entries(t.parameters ?? {}).map(([k, v]) => [k, v.example]));
}
