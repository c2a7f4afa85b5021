import { describe, expect, it } from 'vitest';
import type { TemplateFile } from '@parley/templates';
import {
  addLanguage,
  blankButton,
  removeParameter,
  renameParameter,
  setButtons,
  setDescription,
  setHeaderFormat,
  toDraft,
  updateLanguage,
} from './draft';
import { issueLocation, issueProblem, issuesAt, pointer } from './issues';

const cart = (): TemplateFile => ({
  name: 'cart_reminder',
  category: 'marketing',
  parameters: {
    first_name: { type: 'text', example: 'Maya' },
    product_image: { type: 'image', example: 'https://shop.example.com/a.jpg' },
    cart_id: { type: 'text', example: 'abc' },
  },
  languages: {
    en: {
      header: { format: 'image', parameter: 'product_image' },
      body: 'Hi {{first_name}}, your cart is waiting. Hi again {{ first_name }}!',
      footer: 'Reply STOP',
      buttons: [{ type: 'url', text: 'Open', url: 'https://shop.example.com/c/{{cart_id}}' }],
    },
  },
});

describe('template draft edits', () => {
  it('renames a parameter everywhere it is used', () => {
    const t = renameParameter(renameParameter(cart(), 'first_name', 'name'), 'product_image', 'photo');
    expect(Object.keys(t.parameters!)).toEqual(['name', 'photo', 'cart_id']);
    expect(t.languages.en!.body).toBe('Hi {{name}}, your cart is waiting. Hi again {{name}}!');
    expect(t.languages.en!.header).toEqual({ format: 'image', parameter: 'photo' });
    const url = renameParameter(cart(), 'cart_id', 'basket');
    expect(url.languages.en!.buttons![0]).toMatchObject({ url: 'https://shop.example.com/c/{{basket}}' });
  });

  it('does not mistake a longer name for the one renamed', () => {
    const t = cart();
    t.languages.en!.body = 'Hi {{first_name}} {{first_name_2}} ok';
    expect(renameParameter(t, 'first_name', 'n').languages.en!.body).toBe('Hi {{n}} {{first_name_2}} ok');
  });

  it('removes a field set to undefined instead of writing it as missing', () => {
    const t = updateLanguage(cart(), 'en', { footer: undefined });
    expect('footer' in t.languages.en!).toBe(false);
    expect(setButtons(t, 'en', []).languages.en!.buttons).toBeUndefined();
    expect('description' in setDescription({ ...cart(), description: 'x' }, '')).toBe(false);
  });

  it('starts a new language as a copy of the one shown, independent of it', () => {
    const t = addLanguage(cart(), 'es', 'en');
    expect(t.languages.es).toEqual(t.languages.en);
    t.languages.es!.buttons![0]!.type = 'quick_reply';
    expect(t.languages.en!.buttons![0]!.type).toBe('url');
    expect(addLanguage(cart(), 'en')).toEqual(cart());
  });

  it('switches the header format, picking a parameter of the right type', () => {
    let t = setHeaderFormat(cart(), 'en', 'text');
    expect(t.languages.en!.header).toEqual({ format: 'text', text: '' });
    t = setHeaderFormat(t, 'en', 'image');
    expect(t.languages.en!.header).toEqual({ format: 'image', parameter: 'product_image' });
    t = setHeaderFormat(t, 'en', 'video');
    expect(t.languages.en!.header).toEqual({ format: 'video', parameter: '' });
    expect(setHeaderFormat(t, 'en', 'none').languages.en!.header).toBeUndefined();
  });

  it('gives each button type the fields it needs', () => {
    expect(blankButton('url')).toEqual({ type: 'url', text: '', url: 'https://' });
    expect(blankButton('copy_code')).toEqual({ type: 'copy_code', parameter: '' });
    expect(removeParameter(cart(), 'cart_id').parameters).not.toHaveProperty('cart_id');
  });

  it('opens a file with a wrong shape instead of crashing', () => {
    const t = toDraft({ category: 'nonsense', languages: 'x' }, 'broken');
    expect(t).toMatchObject({ name: 'broken', category: 'utility', parameters: {}, languages: {} });
  });
});

describe('issues by field', () => {
  const issue = (path: string) => ({ severity: 'error' as const, code: 'x', message: path, file: 'f', path });
  it('finds the issues at a pointer and below it', () => {
    const all = [issue('/languages/en/body'), issue('/languages/en/buttons/0/text'), issue('/languages/en'), issue('/languages/es/body')];
    expect(issuesAt(all, pointer('languages', 'en', 'buttons')).map((i) => i.path)).toEqual(['/languages/en/buttons/0/text']);
    expect(issuesAt(all, pointer('languages', 'en'), true).map((i) => i.path)).toEqual(['/languages/en']);
    expect(issuesAt(all, '/languages/e')).toEqual([]);
    expect(pointer('a/b', 'c~d')).toBe('/a~1b/c~0d');
    expect(issueLocation({ ...issue('/languages/en/body'), language: 'en', component: 'body' })).toBe('en · body');
    expect(
      issueLocation({ ...issue('/languages/en/buttons/0/text'), language: 'en', component: 'buttons', field: 'buttons[0].text' }),
    ).toBe('en · buttons[0].text');
    expect(issueLocation({ ...issue('/parameters/first_name/example'), component: 'parameters', field: 'first_name.example' })).toBe(
      'parameter first_name.example',
    );
  });

  it('shows the validator’s problem without the place it already stands at', async () => {
    const { validateTemplate } = await import('@parley/templates');
    const t = { name: 'x', category: 'utility', languages: { en: { body: 'Hi there, this is fine.', footer: 'y'.repeat(61) } } };
    const footer = validateTemplate(t, 'x.template.json').issues.find((i) => i.path === '/languages/en/footer');
    expect(footer?.message).toMatch(/^x\.template\.json: /);
    expect(issueProblem(footer!)).not.toContain('x.template.json');
    expect(issueProblem(footer!)).not.toMatch(/^\[en\]/);
    expect(issueProblem(footer!)).toMatch(/60/);
    expect(issueProblem({ ...issue('/x'), message: 'free text' })).toBe('free text');
  });
});
