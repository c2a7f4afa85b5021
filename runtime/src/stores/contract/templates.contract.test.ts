import { expect, it } from 'vitest';
import type { TemplateFile } from '@parley/templates';
import { describeStores } from './harness';

describeStores('TemplateStateStore', (get) => {
  it('merges over the base, then over what is stored; reports a change once', async () => {
    const { templateStates } = get();
    expect(await templateStates.all('t')).toEqual({});
    const base = { status: 'approved' as const, id: '11', hash: 'h1', quality: 'green' as const };
    const first = await templateStates.merge('t', 'cart_reminder', 'en', { status: 'paused', reason: 'low quality', updatedAt: 5 }, base);
    expect(first).toEqual({
      before: base,
      after: { ...base, status: 'paused', reason: 'low quality', updatedAt: 5 },
      changed: true,
    });
    // The same change again (a second process, a retried webhook): no change, nothing written.
    const again = await templateStates.merge('t', 'cart_reminder', 'en', { status: 'paused', reason: 'low quality', updatedAt: 9 }, base);
    expect(again).toEqual({ before: first.after, after: first.after, changed: false });
    // null removes a field.
    const back = await templateStates.merge('t', 'cart_reminder', 'en', { status: 'approved', reason: null, updatedAt: 10 });
    expect(back.changed).toBe(true);
    expect(back.after).toEqual({ ...base, status: 'approved', updatedAt: 10 });
    await templateStates.merge('t', 'cart_reminder', 'es', { status: 'pending', id: '12' });
    await templateStates.merge('other', 'cart_reminder', 'en', { status: 'rejected' });
    expect(await templateStates.all('t')).toEqual({
      cart_reminder: { en: { ...base, status: 'approved', updatedAt: 10 }, es: { status: 'pending', id: '12' } },
    });
    expect(await templateStates.all('other')).toEqual({ cart_reminder: { en: { status: 'rejected' } } });
  });

  it('a patch without a status over nothing starts from not_submitted; unicode reasons survive', async () => {
    const { templateStates } = get();
    const merged = await templateStates.merge('t', 'x', 'pt_BR', { quality: 'red', reason: 'Qualidade baixa — “spam” 🚫' });
    expect(merged).toEqual({
      before: null,
      after: { status: 'not_submitted', quality: 'red', reason: 'Qualidade baixa — “spam” 🚫' },
      changed: true,
    });
    expect((await templateStates.all('t')).x?.pt_BR?.reason).toBe('Qualidade baixa — “spam” 🚫');
  });

  it('a patch from an earlier second than the last change is stale: nothing changes', async () => {
    const { templateStates } = get();
    await templateStates.merge('t', 'x', 'en', { status: 'paused', updatedAt: 5_000_400 });
    const late = await templateStates.merge('t', 'x', 'en', { status: 'approved', updatedAt: 4_999_999 });
    expect(late).toEqual({
      before: { status: 'paused', updatedAt: 5_000_400 },
      after: { status: 'paused', updatedAt: 5_000_400 },
      changed: false,
    });
    // The same second counts as now (Meta's webhook times are whole seconds).
    const sameSecond = await templateStates.merge('t', 'x', 'en', { status: 'approved', updatedAt: 5_000_000 });
    expect(sameSecond.changed).toBe(true);
    expect((await templateStates.all('t')).x?.en).toEqual({ status: 'approved', updatedAt: 5_000_000 });
  });

  it('updatedAt alone is not a change', async () => {
    const { templateStates } = get();
    await templateStates.merge('t', 'x', 'en', { status: 'approved', updatedAt: 1 });
    const touched = await templateStates.merge('t', 'x', 'en', { updatedAt: 2 });
    expect(touched).toEqual({ before: { status: 'approved', updatedAt: 1 }, after: { status: 'approved', updatedAt: 1 }, changed: false });
    expect((await templateStates.all('t')).x?.en).toEqual({ status: 'approved', updatedAt: 1 });
  });
});

describeStores('TemplateContentStore', (get) => {
  it('keeps contents by hash, first write wins', async () => {
    const { templateContents } = get();
    const template: TemplateFile = {
      name: 'order_update',
      category: 'utility',
      parameters: { order_id: { type: 'text', example: 'A-1' } },
      languages: { en: { body: 'Order {{order_id}} has shipped, thank you!' } },
    };
    expect(await templateContents.get('h1')).toBeNull();
    await templateContents.put({ name: 'order_update', language: 'en', hash: 'h1', template });
    await templateContents.put({ name: 'order_update', language: 'en', hash: 'h1', template: { ...template, description: 'later' } });
    expect(await templateContents.get('h1')).toEqual({ name: 'order_update', language: 'en', hash: 'h1', template });
  });
});
