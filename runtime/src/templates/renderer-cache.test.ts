import { describe, expect, it } from 'vitest';
import { languageHash, type TemplateFile } from '@parley/templates';
import { RendererCache } from './gate';

const template = (fallback: string): TemplateFile => ({
  name: 'hello',
  category: 'utility',
  parameters: { first_name: { type: 'text', example: 'Maya', fallback } },
  languages: { en: { body: 'Hi {{first_name}}, your order is ready for pickup today.' } },
});

describe('RendererCache', () => {
  it('renders a reloaded file with its new fallback although Meta’s hash did not change', () => {
    const cache = new RendererCache();
    const before = template('there');
    const after = template('friend');
    expect(languageHash(before, 'en')).toBe(languageHash(after, 'en'));
    const first = cache.get({ template: before, hash: languageHash(before, 'en') }, 'en').render({});
    const second = cache.get({ template: after, hash: languageHash(after, 'en') }, 'en').render({});
    expect(first).toMatchObject({ ok: true, params: { body: [{ type: 'text', name: 'first_name', text: 'there' }] } });
    expect(second).toMatchObject({ ok: true, params: { body: [{ type: 'text', name: 'first_name', text: 'friend' }] } });
  });

  it('compiles once per template and language', () => {
    const cache = new RendererCache();
    const t = template('there');
    const content = { template: t, hash: languageHash(t, 'en') };
    expect(cache.get(content, 'en')).toBe(cache.get(content, 'en'));
  });
});
