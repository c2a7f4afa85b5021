import type { RemoteLanguage, TemplateFile, TemplateLock } from '@parley/templates';
import { describe, expect, it } from 'vitest';
import { languageKey, refreshLock } from './sync';

const template: TemplateFile = {
  name: 'order_update',
  category: 'utility',
  parameters: { order_id: { type: 'text', example: 'A1' } },
  languages: { en: { body: 'Your order {{order_id}} has shipped today.' } },
};
const local = new Map([[template.name, template]]);

function lock(tenants: TemplateLock['tenants']): TemplateLock {
  return { lockVersion: 1, tenants };
}

function remote(
  name: string,
  language: string,
  status: RemoteLanguage['state']['status'],
  extra: Partial<RemoteLanguage['state']> = {},
): RemoteLanguage {
  return { name, language, state: { status, id: `${name}-${language}`, category: 'utility', ...extra }, hash: null };
}

describe('refreshLock', () => {
  it("takes Meta's status, quality and id and keeps the submitted hash", () => {
    const before = lock({ shop: { order_update: { en: { status: 'pending', id: 'order_update-en', hash: 'h1', updatedAt: 1 } } } });
    const after = refreshLock(before, [remote('order_update', 'en', 'approved', { quality: 'green' })], { tenant: 'shop', local, now: 5 });
    expect(after.tenants.shop!.order_update!.en).toEqual({
      status: 'approved',
      quality: 'green',
      id: 'order_update-en',
      category: 'utility',
      hash: 'h1',
      updatedAt: 5,
    });
    expect(before.tenants.shop!.order_update!.en!.status).toBe('pending');
  });

  it('does not touch an entry Meta reports unchanged (no updatedAt churn in git)', () => {
    const state = { status: 'approved' as const, id: 'order_update-en', category: 'utility' as const, hash: 'h1', updatedAt: 1 };
    const before = lock({ shop: { order_update: { en: state } } });
    expect(refreshLock(before, [remote('order_update', 'en', 'approved')], { tenant: 'shop', local, now: 99 })).toBe(before);
  });

  it('records a hash this run submitted', () => {
    const after = refreshLock(lock({}), [remote('order_update', 'en', 'pending')], {
      tenant: 'shop',
      local,
      submitted: new Map([[languageKey('order_update', 'en'), 'h2']]),
      now: 5,
    });
    expect(after.tenants.shop!.order_update!.en).toMatchObject({ status: 'pending', hash: 'h2' });
  });

  it('leaves out templates that are neither in git nor in the lock, and other tenants', () => {
    const before = lock({ other: { order_update: { en: { status: 'approved', id: 'x' } } } });
    const after = refreshLock(before, [remote('someone_elses', 'en', 'approved')], { tenant: 'shop', local, now: 5 });
    expect(after.tenants).toEqual(before.tenants);
  });

  it('marks a language Meta no longer has as deleted, within the named templates only', () => {
    const before = lock({
      shop: { order_update: { en: { status: 'approved', id: '1', hash: 'h' } }, other: { en: { status: 'approved', id: '2' } } },
    });
    const after = refreshLock(before, [], { tenant: 'shop', local, names: new Set(['order_update']), now: 5 });
    expect(after.tenants.shop!.order_update!.en).toMatchObject({ status: 'deleted', hash: 'h' });
    expect(after.tenants.shop!.other!.en!.status).toBe('approved');
  });
});
