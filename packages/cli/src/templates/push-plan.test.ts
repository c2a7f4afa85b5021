import type { TemplateLanguageState } from '@parley/contract';
import type { DiffEntry } from '@parley/templates';
import { describe, expect, it } from 'vitest';
import { planPush } from './push-plan';

function entry(kind: DiffEntry['kind'], state?: TemplateLanguageState, name = 'cart_reminder', language = 'en'): DiffEntry {
  return { name, language, kind, reason: `${kind} because`, ...(state ? { state } : {}) };
}

describe('planPush', () => {
  it('creates what Meta lacks and leaves unchanged languages alone', () => {
    const plan = planPush([entry('new'), entry('unchanged', { status: 'approved', id: '1' }, 'cart_reminder', 'es')], { prune: false });
    expect(plan.map((a) => [a.kind, a.language])).toEqual([
      ['create', 'en'],
      ['unchanged', 'es'],
    ]);
  });

  it.each(['approved', 'rejected', 'paused'] as const)('edits a changed template that is %s', (status) => {
    const [action] = planPush([entry('changed', { status, id: '777' })], { prune: false });
    expect(action).toMatchObject({ kind: 'edit', id: '777' });
  });

  it.each(['pending', 'disabled', 'in_appeal', 'pending_deletion'] as const)(
    'skips a changed template that is %s, saying why',
    (status) => {
      const [action] = planPush([entry('changed', { status, id: '777' })], { prune: false });
      expect(action).toMatchObject({ kind: 'skip', problem: true });
      expect(action!.reason).toContain('approved, rejected or paused');
      expect(action!.reason).toContain(status.replaceAll('_', ' '));
    },
  );

  it('never deletes without --prune, and deletes by id with it', () => {
    const diff = [
      entry('remote-only', { status: 'approved', id: '9' }, 'old_promo'),
      entry('removed-locally', { status: 'paused', id: '10' }, 'gone', 'es'),
    ];
    expect(planPush(diff, { prune: false }).map((a) => a.kind)).toEqual(['skip', 'skip']);
    expect(planPush(diff, { prune: false })[0]!.reason).toContain('not deleted without --prune');
    expect(planPush(diff, { prune: true })).toMatchObject([
      { kind: 'delete', name: 'old_promo', id: '9' },
      { kind: 'delete', name: 'gone', language: 'es', id: '10' },
    ]);
  });

  it('does not try to delete what Meta no longer has', () => {
    const [action] = planPush([entry('removed-locally', { status: 'deleted', id: '10' })], { prune: true });
    expect(action).toMatchObject({ kind: 'skip', problem: false });
  });

  it('keeps to the named templates', () => {
    const plan = planPush([entry('new', undefined, 'a'), entry('new', undefined, 'b')], { prune: false, names: new Set(['b']) });
    expect(plan.map((a) => a.name)).toEqual(['b']);
  });
});
