import { describe, expect, it } from 'vitest';
import { diffTemplates, remoteLanguages } from './diff';
import { languageHash } from './hash';
import { templateInfo } from './info';
import { toMetaCreate } from './meta/to-meta';
import type { MetaTemplate } from './meta/types';
import { cartReminder } from './test-fixtures/cart-reminder';

/** What Meta's list answers for a template created with `body`. */
function listed(body: Record<string, unknown>, id: string, status: string): MetaTemplate {
  return { id, status, ...(body as Omit<MetaTemplate, 'id' | 'status'>) };
}

describe('languageHash', () => {
  it('changes with what Meta reviews, not with Parley-only details', () => {
    const t = cartReminder();
    const h = languageHash(t, 'en');
    expect(h).toMatch(/^[0-9a-f]{28}$/);
    expect(languageHash(t, 'de')).not.toBe(h);
    const body = cartReminder();
    body.languages.en!.body += ' Thanks!';
    expect(languageHash(body, 'en')).not.toBe(h);
    const category = { ...cartReminder(), category: 'utility' as const };
    expect(languageHash(category, 'en')).not.toBe(h);
    const fallback = cartReminder();
    fallback.parameters!.first_name!.fallback = 'friend';
    fallback.parameters!.cart_id!.example = 'zzz';
    expect(languageHash(fallback, 'en')).toBe(h);
    expect(() => languageHash(t, 'fr')).toThrow(RangeError);
  });
});

describe('templateInfo', () => {
  it('lists languages, approved ones, parameters with optionality, quick replies', () => {
    expect(templateInfo(cartReminder(), { en: { status: 'approved' }, de: { status: 'paused' } })).toEqual({
      name: 'cart_reminder',
      category: 'marketing',
      languages: ['en', 'de'],
      approvedLanguages: ['en'],
      parameters: {
        first_name: { type: 'text', optional: true },
        item_count: { type: 'number', optional: false },
        cart_total: { type: 'currency', optional: false },
        product_image: { type: 'image', optional: false },
        cart_id: { type: 'text', optional: false },
      },
      quickReplies: [{ text: 'Stop reminders', payload: 'stop_reminders' }],
    });
    expect(templateInfo(cartReminder()).approvedLanguages).toEqual([]);
  });
});

describe('diffTemplates', () => {
  const t = cartReminder();
  const remote = remoteLanguages([
    listed(toMetaCreate(t, 'en'), '1', 'APPROVED'),
    listed(toMetaCreate({ ...t, languages: { de: { ...t.languages.de!, footer: 'Alt' } } }, 'de'), '2', 'PAUSED'),
    listed(toMetaCreate({ ...t, name: 'old_promo' }, 'en'), '3', 'APPROVED'),
    listed(toMetaCreate({ ...t, name: 'their_template' }, 'en'), '4', 'PENDING'),
  ]);

  it('says per (name, language) what push would do, with a reason', () => {
    const local = { ...cartReminder(), languages: { ...cartReminder().languages, es: { ...cartReminder().languages.en! } } };
    const entries = diffTemplates([local], remote, { old_promo: { en: { status: 'approved', id: '3' } } });
    expect(entries.map((e) => [e.name, e.language, e.kind])).toEqual([
      ['cart_reminder', 'de', 'changed'],
      ['cart_reminder', 'en', 'unchanged'],
      ['cart_reminder', 'es', 'new'],
      ['old_promo', 'en', 'removed-locally'],
      ['their_template', 'en', 'remote-only'],
    ]);
    expect(entries[0]!.reason).toBe('the file differs from what Meta has (status paused)');
    expect(entries[1]!.reason).toBe('same content as on Meta (status approved)');
    expect(entries[2]!.reason).toBe('not on Meta yet');
    expect(entries[3]!.reason).toContain('push --prune deletes it');
    expect(entries[4]!.reason).toContain('pull imports it');
  });

  it('falls back on the lock hash when Meta content is unknown, and names a category Meta changed', () => {
    const hash = languageHash(t, 'en');
    const unknown = [{ name: 'cart_reminder', language: 'en', state: { status: 'approved' as const }, hash: null }];
    expect(
      diffTemplates([cartReminder()], unknown, { cart_reminder: { en: { status: 'approved', hash } } }).find((e) => e.language === 'en')
        ?.kind,
    ).toBe('unchanged');
    expect(diffTemplates([cartReminder()], unknown).find((e) => e.language === 'en')?.reason).toContain("Meta's content is unknown");
    const recategorized = [
      { name: 'cart_reminder', language: 'en', state: { status: 'approved' as const, category: 'utility' as const }, hash: 'other' },
    ];
    expect(diffTemplates([cartReminder()], recategorized).find((e) => e.language === 'en')?.reason).toContain(
      'category: file marketing, Meta utility',
    );
  });
});
