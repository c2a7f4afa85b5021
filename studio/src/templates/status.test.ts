import { describe, expect, it } from 'vitest';
import type { TemplateSummary } from '@parley/contract/api';
import { applyEvent, languageDescription, needsSubmit, qualityLabel, statusLabel, statusTone } from './status';

const summary = (): TemplateSummary => ({
  name: 'order_update',
  category: 'utility',
  parameters: {},
  issues: [],
  usedBy: [],
  languages: [
    { language: 'en', status: 'pending', fileHash: 'h1', changed: false, id: '11' },
    { language: 'es', status: 'rejected', reason: 'INVALID_FORMAT', fileHash: 'h2', changed: true },
  ],
});

describe('template status words', () => {
  it('names every status a marketer sees, with a tone for its colour', () => {
    expect(statusLabel('approved')).toBe('Approved');
    expect(statusLabel('not_submitted')).toBe('Not submitted');
    expect([
      statusTone('approved'),
      statusTone('pending'),
      statusTone('paused'),
      statusTone('disabled'),
      statusTone('not_submitted'),
    ]).toEqual(['ok', 'pending', 'warn', 'bad', 'neutral']);
    expect(qualityLabel('red')).toBe('Low');
    expect(qualityLabel(undefined)).toBe('Not rated yet');
  });

  it('describes a language for screen readers with the reason and a pending edit', () => {
    expect(languageDescription(summary().languages[1]!)).toBe('es: Rejected — INVALID_FORMAT; changed since submitted');
    expect(languageDescription({ language: 'en', status: 'not_submitted', fileHash: 'x', changed: true })).toBe('en: Not submitted');
  });

  it('knows when a template has something to submit', () => {
    expect(needsSubmit(summary())).toBe(true);
    const done = summary();
    done.languages = done.languages.map((l) => ({ ...l, changed: false, status: 'approved' }));
    expect(needsSubmit(done)).toBe(false);
  });
});

describe('applyEvent', () => {
  const at = 1_700_000_000_000;
  it('turns a status in place and drops a reason that no longer applies', () => {
    const before = [summary()];
    const after = applyEvent(before, {
      kind: 'status',
      wabaId: 'w',
      templateId: '22',
      name: 'order_update',
      language: 'es',
      status: 'approved',
      at,
    });
    expect(after[0]!.languages[1]).toMatchObject({ status: 'approved', id: '22', updatedAt: at });
    expect(after[0]!.languages[1]!.reason).toBeUndefined();
    expect(before[0]!.languages[1]!.status).toBe('rejected');
    expect(after[0]!.languages[0]).toBe(before[0]!.languages[0]);
  });

  it('applies quality and category changes without touching the status', () => {
    let list = applyEvent([summary()], {
      kind: 'quality',
      wabaId: 'w',
      templateId: '11',
      name: 'order_update',
      language: 'en',
      quality: 'red',
      at,
    });
    list = applyEvent(list, {
      kind: 'category',
      wabaId: 'w',
      templateId: '11',
      name: 'order_update',
      language: 'en',
      category: 'marketing',
      at,
    });
    expect(list[0]!.languages[0]).toMatchObject({ status: 'pending', quality: 'red', category: 'marketing' });
  });

  it('leaves the list as it is for a template or language it does not show', () => {
    const list = [summary()];
    expect(applyEvent(list, { kind: 'status', wabaId: 'w', templateId: '1', name: 'other', language: 'en', status: 'approved', at })).toBe(
      list,
    );
    expect(
      applyEvent(list, { kind: 'status', wabaId: 'w', templateId: '1', name: 'order_update', language: 'fr', status: 'approved', at }),
    ).toBe(list);
  });
});
