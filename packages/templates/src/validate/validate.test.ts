import { describe, expect, it } from 'vitest';
import { cartReminder } from '../test-fixtures/cart-reminder';
import type { TemplateContent, TemplateFile, TemplateIssue } from '../types';
import { validateTemplate } from './validate';

const FILE = 'templates/order_update.template.json';

/** A valid utility template: one language, two text parameters. */
function base(content: Partial<TemplateContent> = {}, extra: Partial<TemplateFile> = {}): TemplateFile {
  return {
    name: 'order_update',
    category: 'utility',
    parameters: {
      first_name: { type: 'text', example: 'Maya', fallback: 'there' },
      order_id: { type: 'text', example: 'A-1001' },
    },
    languages: { en: { body: 'Hello {{first_name}}, your order {{order_id}} has shipped and arrives soon.', ...content } },
    ...extra,
  };
}

function issuesOf(t: unknown, file = FILE): TemplateIssue[] {
  return validateTemplate(t, file).issues;
}

function codes(t: unknown, file = FILE): string[] {
  return issuesOf(t, file).map((i) => i.code);
}

function errorCodes(t: unknown): string[] {
  return issuesOf(t)
    .filter((i) => i.severity === 'error')
    .map((i) => i.code);
}

const x = (n: number): string => 'x'.repeat(n);

describe('validateTemplate', () => {
  it('accepts the design example and the base template without issues', () => {
    expect(issuesOf(cartReminder(), 'templates/cart_reminder.template.json')).toEqual([]);
    const result = validateTemplate(base(), FILE);
    expect(result.issues).toEqual([]);
    expect(result.template?.name).toBe('order_update');
  });

  it('reports structural problems with the field and what was expected, and no template', () => {
    const result = validateTemplate({ name: 'order_update', category: 'promo', languages: { en: { body: 'x', colour: 1 } } }, FILE);
    expect(result.template).toBeUndefined();
    const byPath = Object.fromEntries(result.issues.map((i) => [i.path, i]));
    expect(byPath['/category']?.message).toContain('must be one of ["marketing","utility","authentication"]');
    expect(byPath['/languages/en']).toMatchObject({ language: 'en', code: 'schema' });
    expect(byPath['/languages/en']?.message).toContain('unknown field "colour"');
    expect(validateTemplate('not an object', FILE).issues[0]?.message).toContain('must be object');
    expect(validateTemplate(null, FILE).issues.length).toBeGreaterThan(0);
  });

  it('says what an example may be when it is none of the shapes', () => {
    const t = base();
    (t.parameters!.order_id as unknown as Record<string, unknown>).example = [1, 2];
    const issue = issuesOf(t).find((i) => i.path === '/parameters/order_id/example');
    expect(issue?.message).toContain('must be text, a number, a currency amount');
    expect(issue).toMatchObject({ component: 'parameters', field: 'order_id.example' });
  });

  it('names the file, language, component and field of each issue', () => {
    const t = base({ buttons: [{ type: 'quick_reply', text: x(26) }] });
    const [issue] = issuesOf(t);
    expect(issue).toMatchObject({
      severity: 'error',
      code: 'button-text-too-long',
      file: FILE,
      path: '/languages/en/buttons/0/text',
      language: 'en',
      component: 'buttons',
      field: 'buttons[0].text',
    });
    expect(issue?.message).toBe(`${FILE}: [en] buttons[0].text: at most 25 characters (has 26)`);
  });

  describe('name', () => {
    it('is lowercase letters, digits and _', () => {
      expect(codes(base({}, { name: 'Order-Update' }), 'x.json')).toContain('name-invalid');
      expect(codes(base({}, { name: 'order_update_2' }), 'x.json')).not.toContain('name-invalid');
      expect(codes(base({}, { name: x(513) }), 'x.json')).toContain('name-invalid');
    });
    it('equals the file name', () => {
      const issue = issuesOf(base({}, { name: 'order_updates' })).find((i) => i.code === 'name-mismatch');
      expect(issue?.message).toContain('expected "order_update", got "order_updates"');
      expect(codes(base())).not.toContain('name-mismatch');
    });
  });

  describe('lengths', () => {
    const prefix = 'Hello {{first_name}}, order {{order_id}} shipped today. ';
    const bodyOf = (n: number): string => prefix + x(n - prefix.length);
    it('body at most 1,024 characters', () => {
      expect(bodyOf(1024)).toHaveLength(1024);
      expect(codes(base({ body: bodyOf(1025) }))).toContain('body-too-long');
      expect(codes(base({ body: bodyOf(1024) }))).not.toContain('body-too-long');
      expect(issuesOf(base({ body: bodyOf(1025) }))[0]).toMatchObject({ component: 'body', field: 'body', language: 'en' });
    });
    it('header text at most 60 characters and one parameter', () => {
      expect(codes(base({ header: { format: 'text', text: x(61) } }))).toContain('header-too-long');
      expect(codes(base({ header: { format: 'text', text: x(60) } }))).toEqual([]);
      expect(codes(base({ header: { format: 'text', text: 'Order {{order_id}} for {{first_name}}' } }))).toContain('header-params');
      expect(codes(base({ header: { format: 'text', text: 'Order {{order_id}}' } }))).toEqual([]);
    });
    it('footer at most 60 characters, without parameters', () => {
      expect(codes(base({ footer: x(61) }))).toContain('footer-too-long');
      expect(codes(base({ footer: x(60) }))).toEqual([]);
      expect(codes(base({ footer: 'Order {{order_id}}' }))).toContain('footer-params');
    });
    it('button text at most 25 characters', () => {
      expect(codes(base({ buttons: [{ type: 'quick_reply', text: x(26) }] }))).toContain('button-text-too-long');
      expect(codes(base({ buttons: [{ type: 'quick_reply', text: x(25) }] }))).toEqual([]);
    });
  });

  describe('buttons', () => {
    const qr = (i: number) => ({ type: 'quick_reply' as const, text: `Option ${i}` });
    const url = (i: number) => ({ type: 'url' as const, text: `Site ${i}`, url: `https://shop.example.com/${i}` });
    const phone = { type: 'phone_number' as const, text: 'Call us', phone: '+14155550123' };
    const copy = { type: 'copy_code' as const, parameter: 'order_id' };
    it('at most 10', () => {
      expect(codes(base({ buttons: Array.from({ length: 11 }, (_, i) => qr(i)) }))).toContain('too-many-buttons');
      expect(codes(base({ buttons: Array.from({ length: 10 }, (_, i) => qr(i)) }))).toEqual([]);
    });
    it('at most 2 URL buttons, 1 phone, 1 copy code', () => {
      expect(codes(base({ buttons: [url(1), url(2), url(3)] }))).toContain('too-many-url-buttons');
      expect(codes(base({ buttons: [url(1), url(2)] }))).toEqual([]);
      expect(codes(base({ buttons: [phone, phone] }))).toContain('too-many-phone-buttons');
      expect(codes(base({ buttons: [phone] }))).toEqual([]);
      expect(codes(base({ buttons: [copy, copy] }))).toContain('too-many-copy-code-buttons');
      expect(codes(base({ buttons: [copy] }))).toEqual([]);
    });
    it('quick replies stand together', () => {
      const issue = issuesOf(base({ buttons: [qr(1), url(1), qr(2)] })).find((i) => i.code === 'quick-replies-not-grouped');
      expect(issue?.path).toBe('/languages/en/buttons/2');
      expect(codes(base({ buttons: [qr(1), qr(2), url(1)] }))).toEqual([]);
      expect(codes(base({ buttons: [url(1), qr(1), qr(2)] }))).toEqual([]);
    });
    it('URL buttons: https, the parameter only as the suffix', () => {
      expect(codes(base({ buttons: [{ type: 'url', text: 'Go', url: 'http://shop.example.com/x' }] }))).toContain('url-not-https');
      const notSuffix = { type: 'url' as const, text: 'Go', url: 'https://shop.example.com/{{order_id}}/view' };
      expect(codes(base({ buttons: [notSuffix] }))).toContain('url-param-not-suffix');
      expect(codes(base({ buttons: [{ type: 'url', text: 'Go', url: 'https://shop.example.com/o/{{order_id}}' }] }))).toEqual([]);
    });
    it('phone numbers with a country code', () => {
      expect(codes(base({ buttons: [{ type: 'phone_number', text: 'Call', phone: 'call me' }] }))).toContain('phone-invalid');
    });
  });

  describe('parameters in the body', () => {
    it('not at the very start or end', () => {
      expect(codes(base({ body: '{{first_name}}, your order {{order_id}} has shipped today.' }))).toContain('param-at-edge');
      expect(codes(base({ body: 'Hello {{first_name}}, your order has shipped today: {{order_id}}' }))).toContain('param-at-edge');
      expect(codes(base({ body: 'Hello {{first_name}}, your order has shipped today: {{order_id}}.' }))).toEqual([]);
    });
    it('never adjacent (only spaces or punctuation between them)', () => {
      expect(codes(base({ body: 'Hello {{first_name}} {{order_id}} has shipped today, thanks.' }))).toContain('params-adjacent');
      expect(codes(base({ body: 'Hello {{first_name}}, {{order_id}} has shipped today, thanks.' }))).toContain('params-adjacent');
      expect(codes(base({ body: 'Hello {{first_name}}{{order_id}} has shipped today, thanks.' }))).toContain('params-adjacent');
      expect(codes(base({ body: 'Hello {{first_name}}, order {{order_id}} has shipped today.' }))).toEqual([]);
    });
    it('warns when the fixed text is short for its parameters', () => {
      const issue = issuesOf(base({ body: 'Hi {{first_name}}: order {{order_id}}.' })).find((i) => i.code === 'too-many-parameters');
      expect(issue?.severity).toBe('warning');
      expect(issue?.message).toContain('need at least 5 words');
      expect(validateTemplate(base({ body: 'Hi {{first_name}}: order {{order_id}}.' }), FILE).template).toBeDefined();
    });
    it('named placeholders only, balanced', () => {
      expect(
        issuesOf(base({ body: 'Hello {{1}} and {{first_name}}, order {{order_id}} shipped.' }))
          .map((i) => i.message)
          .join(),
      ).toContain('use named parameters');
      expect(codes(base({ body: 'Hello {{first_name}, order {{order_id}} has shipped today.' }))).toContain('bad-placeholder');
    });
  });

  describe('declared and used', () => {
    it('every placeholder is declared', () => {
      const issue = issuesOf(base({ body: 'Hello {{first_name}}, order {{order_id}} ships {{ship_date}} today.' })).find(
        (i) => i.code === 'undeclared-parameter',
      );
      expect(issue?.message).toContain('{{ship_date}} is not declared');
    });
    it('every declared parameter is used in every language', () => {
      const t = base();
      t.languages.es = { body: 'Hola {{first_name}}, tu pedido ya fue enviado y llega pronto.' };
      const issue = issuesOf(t).find((i) => i.code === 'unused-parameter');
      expect(issue).toMatchObject({ language: 'es', path: '/languages/es' });
      expect(issue?.message).toContain('order_id');
    });
    it('parameter names are lowercase identifiers', () => {
      const t = base({ body: 'Hello {{first_name}}, order {{order_id}} ships today, thanks.' });
      t.parameters!.Order = { type: 'text', example: 'x' };
      expect(codes(t)).toContain('parameter-name');
    });
  });

  describe('parameter types fit their place', () => {
    it('a media header needs a parameter of that media type', () => {
      const t = base({ header: { format: 'image', parameter: 'photo' } });
      t.parameters!.photo = { type: 'text', example: 'https://cdn.example.com/a.jpg' };
      expect(issuesOf(t).find((i) => i.code === 'parameter-place')?.message).toContain(
        'photo is text, but the media header needs an image parameter',
      );
      t.parameters!.photo = { type: 'image', example: 'https://cdn.example.com/a.jpg' };
      expect(codes(t)).toEqual([]);
      t.parameters!.photo = { type: 'video', example: 'https://cdn.example.com/a.mp4' };
      expect(codes(t)).toContain('parameter-place');
    });
    it('a location header needs a location parameter', () => {
      const t = base({ header: { format: 'location', parameter: 'store' } });
      t.parameters!.store = { type: 'text', example: 'Main St' };
      expect(codes(t)).toContain('parameter-place');
      t.parameters!.store = { type: 'location', example: { latitude: 52.5, longitude: 13.4, name: 'Store' } };
      expect(codes(t)).toEqual([]);
    });
    it('URL suffixes and copy codes need text; the body cannot hold media', () => {
      const t = base({ buttons: [{ type: 'url', text: 'Track', url: 'https://shop.example.com/t/{{order_id}}' }] });
      t.parameters!.order_id = { type: 'number', example: 1001 };
      expect(issuesOf(t).find((i) => i.code === 'parameter-place')?.message).toContain("a URL button's suffix needs a text parameter");
      const c = base({ buttons: [{ type: 'copy_code', parameter: 'order_id' }] });
      c.parameters!.order_id = { type: 'currency', example: 5, currency: 'USD' };
      expect(codes(c)).toContain('parameter-place');
      const b = base();
      b.parameters!.order_id = { type: 'image', example: 'https://cdn.example.com/a.jpg' };
      expect(codes(b)).toContain('parameter-place');
    });
  });

  describe('examples and fallbacks fit the type, pattern, allowed values and length', () => {
    const withParam = (spec: Record<string, unknown>) => {
      const t = base();
      t.parameters!.order_id = spec as never;
      return t;
    };
    it('type', () => {
      expect(issuesOf(withParam({ type: 'number', example: '2' })).find((i) => i.code === 'example-invalid')?.message).toContain(
        'expected a number',
      );
      expect(errorCodes(withParam({ type: 'number', example: 2 }))).toEqual([]);
      expect(errorCodes(withParam({ type: 'date_time', example: 'next tuesday' }))).toContain('example-invalid');
      expect(errorCodes(withParam({ type: 'date_time', example: '2026-12-24' }))).toEqual([]);
      expect(errorCodes(withParam({ type: 'currency', example: 5 }))).toContain('example-invalid');
      expect(errorCodes(withParam({ type: 'currency', example: 5, currency: 'EUR' }))).toEqual([]);
      expect(errorCodes(withParam({ type: 'currency', example: { amount: 5, currency: 'euro' } }))).toContain('example-invalid');
    });
    it('pattern, allowed, maxLength', () => {
      expect(errorCodes(withParam({ type: 'text', example: 'a b', pattern: '^[a-z]+$' }))).toContain('example-invalid');
      expect(errorCodes(withParam({ type: 'text', example: 'ab', pattern: '^[a-z]+$' }))).toEqual([]);
      expect(errorCodes(withParam({ type: 'text', example: 'ab', pattern: '([a-z' }))).toContain('pattern-invalid');
      expect(errorCodes(withParam({ type: 'text', example: 'gold', allowed: ['silver'] }))).toContain('example-invalid');
      expect(errorCodes(withParam({ type: 'text', example: 'silver', allowed: ['silver'] }))).toEqual([]);
      expect(errorCodes(withParam({ type: 'text', example: 'abcdef', maxLength: 5 }))).toContain('example-invalid');
      expect(errorCodes(withParam({ type: 'text', example: 'abcde', maxLength: 5 }))).toEqual([]);
      expect(errorCodes(withParam({ type: 'text', example: 'line\nbreak' }))).toContain('example-invalid');
    });
    it('fallback', () => {
      const issue = issuesOf(withParam({ type: 'text', example: 'abc', maxLength: 5, fallback: 'abcdefgh' })).find(
        (i) => i.code === 'fallback-invalid',
      );
      expect(issue).toMatchObject({ path: '/parameters/order_id/fallback', component: 'parameters', field: 'order_id.fallback' });
      expect(issue?.message).toContain('at most 5 characters (got 8)');
      expect(errorCodes(withParam({ type: 'text', example: 'abc', maxLength: 5, fallback: 'abcde' }))).toEqual([]);
    });
    it('media examples are https URLs', () => {
      const t = base({ header: { format: 'image', parameter: 'photo' } });
      t.parameters!.photo = { type: 'image', example: 'http://cdn.example.com/a.jpg' };
      expect(errorCodes(t)).toContain('example-invalid');
    });
  });

  describe('categories', () => {
    it('marketing and utility templates need a body', () => {
      const t = base({}, { parameters: {} });
      t.languages.en = { header: { format: 'text', text: 'Hello' } };
      expect(codes(t)).toContain('body-missing');
    });
    it('authentication templates: the authentication block, no media header, no URL buttons', () => {
      const auth: TemplateFile = {
        name: 'order_update',
        category: 'authentication',
        parameters: { code: { type: 'text', example: '123456' } },
        languages: {
          en: {
            authentication: {
              otp: { type: 'copy_code', buttonText: 'Copy code' },
              securityRecommendation: true,
              codeExpirationMinutes: 10,
            },
          },
        },
      };
      expect(codes(auth)).toEqual([]);
      const noBlock = structuredClone(auth);
      noBlock.languages.en = {};
      expect(codes(noBlock)).toContain('auth-block-missing');
      const media = structuredClone(auth);
      media.languages.en!.header = { format: 'image', parameter: 'code' };
      expect(codes(media)).toContain('auth-header');
      const url = structuredClone(auth);
      url.languages.en!.buttons = [{ type: 'url', text: 'Go', url: 'https://x.example.com' }];
      expect(codes(url)).toContain('auth-url-button');
      const oneTap = structuredClone(auth);
      oneTap.languages.en!.authentication!.otp.type = 'one_tap';
      expect(codes(oneTap)).toContain('auth-app-missing');
      expect(codes(base({ authentication: { otp: { type: 'copy_code' } } }))).toContain('auth-block-not-allowed');
    });
  });

  it('warns about language codes Meta does not know', () => {
    const t = base();
    t.languages.english = t.languages.en!;
    const issue = issuesOf(t).find((i) => i.code === 'unknown-language');
    expect(issue).toMatchObject({ severity: 'warning', language: 'english' });
    expect(validateTemplate(t, FILE).template).toBeDefined();
  });
});
