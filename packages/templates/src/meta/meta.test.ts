import { describe, expect, it } from 'vitest';
import { languageHash } from '../hash';
import { cartReminder } from '../test-fixtures/cart-reminder';
import type { TemplateFile } from '../types';
import { validateTemplate } from '../validate/validate';
import { categoryFromMeta, qualityFromMeta, statusFromMeta } from './enums';
import { fromMeta } from './from-meta';
import { toMetaCreate, toMetaEdit } from './to-meta';
import type { MetaTemplate } from './types';

/** What Meta's list answers for a template created with `body`: the same components, plus id and status. */
function asListed(body: Record<string, unknown>, id: string, status = 'APPROVED'): MetaTemplate {
  return { id, status, quality_score: { score: 'GREEN' }, ...(body as Omit<MetaTemplate, 'id' | 'status'>) };
}

const otp: TemplateFile = {
  name: 'login_code',
  category: 'authentication',
  parameters: { code: { type: 'text', example: '123456' } },
  languages: {
    en: {
      authentication: { otp: { type: 'copy_code', buttonText: 'Copy code' }, securityRecommendation: true, codeExpirationMinutes: 10 },
    },
  },
};

const everyButton: TemplateFile = {
  name: 'store_visit',
  category: 'utility',
  parameters: {
    store: { type: 'location', example: { latitude: 52.52, longitude: 13.4, name: 'Berlin store' } },
    visit_date: { type: 'date_time', example: '2026-12-24T10:00:00Z', dateStyle: 'long' },
    coupon: { type: 'text', example: 'SAVE10' },
  },
  languages: {
    en_US: {
      header: { format: 'location', parameter: 'store' },
      body: 'See you on {{visit_date}} at our store. Bring this message for your welcome gift.',
      buttons: [
        { type: 'phone_number', text: 'Call the store', phone: '+493012345678' },
        { type: 'copy_code', parameter: 'coupon' },
        { type: 'flow', text: 'Book a slot', flowId: '1234567890', flowAction: 'navigate', navigateScreen: 'BOOK' },
      ],
    },
  },
};

describe('toMetaCreate', () => {
  it('builds the create body: upper-case category, named parameters with examples formatted for the language', () => {
    const body = toMetaCreate(cartReminder(), 'de', { headerHandles: { product_image: '4::aGVhZGVy' } });
    expect(body).toMatchObject({
      name: 'cart_reminder',
      language: 'de',
      category: 'MARKETING',
      parameter_format: 'NAMED',
      allow_category_change: false,
    });
    const components = body.components as Array<Record<string, unknown>>;
    expect(components[0]).toEqual({ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aGVhZGVy'] } });
    expect(components[1]).toMatchObject({
      type: 'BODY',
      example: {
        body_text_named_params: [
          { param_name: 'first_name', example: 'Maya' },
          { param_name: 'item_count', example: '2' },
          { param_name: 'cart_total', example: '129,90\u00a0$' },
        ],
      },
    });
    expect(components[3]).toEqual({
      type: 'BUTTONS',
      buttons: [
        {
          type: 'URL',
          text: 'Bestellung abschließen',
          url: 'https://shop.example.com/cart/{{1}}',
          example: ['https://shop.example.com/cart/abc123'],
        },
        { type: 'QUICK_REPLY', text: 'Keine Erinnerungen' },
      ],
    });
  });

  it('authentication templates: OTP button, security recommendation, expiry; no parameter_format', () => {
    expect(toMetaCreate(otp, 'en')).toEqual({
      name: 'login_code',
      language: 'en',
      category: 'AUTHENTICATION',
      allow_category_change: false,
      components: [
        { type: 'BODY', add_security_recommendation: true },
        { type: 'FOOTER', code_expiration_minutes: 10 },
        { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
      ],
    });
  });

  it('edit body: components, and the category only when Meta may change it', () => {
    expect(Object.keys(toMetaEdit(cartReminder(), 'en'))).toEqual(['components']);
    expect(toMetaEdit({ ...cartReminder(), allowCategoryChange: true }, 'en').category).toBe('MARKETING');
    expect(() => toMetaCreate(cartReminder(), 'fr')).toThrow(/no language "fr"/);
  });
});

describe('fromMeta', () => {
  it('a template pushed and then pulled hashes the same in every language, and pushes the same body again', () => {
    for (const t of [cartReminder(), otp, everyButton]) {
      const listed = Object.keys(t.languages).map((language, i) =>
        asListed(toMetaCreate(t, language, { headerHandles: { product_image: 'https://scontent.example.net/h.jpg' } }), `${i + 1}`),
      );
      const [pulled] = fromMeta(listed);
      expect(pulled!.template.name).toBe(t.name);
      for (const language of Object.keys(t.languages)) {
        expect(languageHash(pulled!.template, language)).toBe(languageHash(t, language));
        expect(pulled!.states[language]?.hash).toBe(languageHash(t, language));
      }
      const language = Object.keys(t.languages)[0]!;
      expect(toMetaCreate(pulled!.template, language, { headerHandles: { header_image: 'H' } }).components).toEqual(
        toMetaCreate(t, language, { headerHandles: { product_image: 'H' } }).components,
      );
      // What comes back is a valid template file.
      expect(validateTemplate(pulled!.template, `templates/${t.name}.template.json`).issues.filter((i) => i.severity === 'error')).toEqual(
        [],
      );
    }
  });

  it('groups languages by name and keeps Meta state per language', () => {
    const t = cartReminder();
    const listed = [
      asListed(toMetaCreate(t, 'en'), '11', 'APPROVED'),
      { ...asListed(toMetaCreate(t, 'de'), '12', 'REJECTED'), rejected_reason: 'INVALID_FORMAT', quality_score: { score: 'UNKNOWN' } },
      asListed(toMetaCreate(otp, 'en'), '13', 'PAUSED'),
    ];
    const pulled = fromMeta(listed);
    expect(pulled.map((p) => p.template.name)).toEqual(['cart_reminder', 'login_code']);
    expect(Object.keys(pulled[0]!.template.languages)).toEqual(['en', 'de']);
    expect(pulled[0]!.states.en).toMatchObject({ status: 'approved', id: '11', quality: 'green', category: 'marketing' });
    expect(pulled[0]!.states.de).toMatchObject({ status: 'rejected', reason: 'INVALID_FORMAT', quality: 'unknown' });
    expect(pulled[1]!.states.en?.status).toBe('paused');
  });

  it('positional templates become named ones, with a warning', () => {
    const [pulled] = fromMeta([
      {
        id: '9',
        name: 'legacy',
        language: 'en_US',
        status: 'APPROVED',
        category: 'UTILITY',
        components: [
          { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['A-1'] } },
          { type: 'BODY', text: 'Hi {{1}}, your order ships on {{2}}. Thanks for shopping.', example: { body_text: [['Maya', 'Monday']] } },
          { type: 'CAROUSEL' },
        ],
      },
    ]);
    expect(pulled!.template.languages.en_US).toEqual({
      header: { format: 'text', text: 'Order {{header_1}}' },
      body: 'Hi {{body_1}}, your order ships on {{body_2}}. Thanks for shopping.',
    });
    expect(pulled!.template.parameters).toEqual({
      header_1: { type: 'text', example: 'A-1' },
      body_1: { type: 'text', example: 'Maya' },
      body_2: { type: 'text', example: 'Monday' },
    });
    expect(pulled!.warnings.join('\n')).toMatch(/positional parameters renamed[\s\S]*CAROUSEL is not modelled/);
  });
});

describe("Meta's enums", () => {
  it('map to Parley lower-case values', () => {
    expect(statusFromMeta('APPROVED')).toBe('approved');
    expect(statusFromMeta('PENDING_DELETION')).toBe('pending_deletion');
    expect(statusFromMeta('REINSTATED')).toBe('approved');
    expect(statusFromMeta('SOMETHING_NEW')).toBe('pending');
    expect(qualityFromMeta('RED')).toBe('red');
    expect(qualityFromMeta({ score: 'YELLOW', date: 1 })).toBe('yellow');
    expect(qualityFromMeta(undefined)).toBe('unknown');
    expect(categoryFromMeta('MARKETING')).toBe('marketing');
    expect(categoryFromMeta('TRANSACTIONAL')).toBeUndefined();
  });
});
