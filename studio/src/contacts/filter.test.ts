import { describe, expect, it } from 'vitest';
import type { SegmentFilter } from '@parley/contract';
import { cleanFilter, errorTarget, fieldShape, firstIncomplete, incomplete, kindOf } from './filter';
import { ago } from './format';

const defs = [
  { key: 'orders', label: 'Orders', type: 'number' as const },
  { key: 'plan', label: 'Plan', type: 'choice' as const, choices: ['free', 'pro'] },
];

describe('errorTarget', () => {
  it('reads the compiler’s path from details, the schema’s dotted path from the message, and a group’s inner condition', () => {
    expect(errorTarget({ error: { code: 'bad_filter', message: 'x', details: { path: 'conditions[2].value' } } }, 'x')).toEqual({
      index: 2,
    });
    expect(errorTarget(undefined, 'body.filter.conditions.3.op must be equal to one of the allowed values')).toEqual({ index: 3 });
    expect(errorTarget({ error: { details: { path: 'conditions[1].group.conditions[0].flow' } } }, '')).toEqual({ index: 1, inner: 0 });
    expect(errorTarget({ error: { message: 'filter: expected an object' } }, 'filter: expected an object')).toBeNull();
  });
});

describe('conditions', () => {
  it('tells the kind and what is missing', () => {
    expect(kindOf({ field: 'tags', op: 'has_tag', value: 'vip' })).toBe('tag');
    expect(kindOf({ consent: 'marketing', is: 'opted_in' })).toBe('consent');
    expect(incomplete({ activity: 'node_reached', flow: 'welcome' }, defs)).toBe('Fill in the step.');
    expect(incomplete({ activity: 'replied' }, defs)).toBeNull();
    expect(incomplete({ field: 'lastInboundAt', op: 'older_than_days', value: '' }, defs)).toBe('Fill in the number of days.');
    expect(incomplete({ field: 'name', op: 'exists' }, defs)).toBeNull();
    const filter: SegmentFilter = {
      match: 'all',
      conditions: [
        { consent: 'marketing', is: 'opted_in' },
        { group: { match: 'any', conditions: [{ field: 'tags', op: 'has_tag', value: ' ' }] } },
      ],
    };
    expect(firstIncomplete(filter, defs)).toEqual({ index: 1, reason: 'Fill in the tag.' });
  });

  it('offers operators by the field’s type', () => {
    expect(fieldShape('fields.orders', defs).ops).toContain('gt');
    expect(fieldShape('fields.plan', defs)).toMatchObject({ input: 'choice', choices: ['free', 'pro'] });
    expect(fieldShape('lastInboundAt', defs).ops).toEqual(['older_than_days', 'within_days', 'exists', 'not_exists']);
  });

  it('sends empty activity inputs as absent, inside groups too', () => {
    expect(
      cleanFilter({
        match: 'any',
        conditions: [
          { activity: 'button_clicked', button: ' Yes ', campaign: '', negate: false },
          { group: { match: 'all', conditions: [{ activity: 'flow_entered', flow: 'welcome', node: '', withinDays: 7, negate: true }] } },
        ],
      }),
    ).toEqual({
      match: 'any',
      conditions: [
        { activity: 'button_clicked', button: 'Yes' },
        { group: { match: 'all', conditions: [{ activity: 'flow_entered', flow: 'welcome', withinDays: 7, negate: true }] } },
      ],
    });
  });
});

describe('ago', () => {
  it('writes times the way people say them', () => {
    const now = Date.UTC(2025, 5, 1);
    const day = 86_400_000;
    expect(ago(now - 20_000, now)).toBe('just now');
    expect(ago(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(ago(now - day, now)).toBe('yesterday');
    expect(ago(now - 9 * day, now)).toBe('9 days ago');
    expect(ago(now - 40 * day, now)).toBe('6 weeks ago');
    expect(ago(now - 90 * day, now)).toBe('3 months ago');
    expect(ago(now - 800 * day, now)).toBe('2 years ago');
    expect(ago(undefined, now)).toBe('Never');
  });
});
