import { describe, expect, it } from 'vitest';
import { runFlowTest } from '../../testing/runner';
import type { Flow } from '../../types';
import { validateFlow } from '../../validate';

const flow = (assign: Array<{ variable: string; value: string }>): Flow => ({
  id: 'saver',
  name: 'Saver',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'pick',
  variables: { plan: { type: 'string' } },
  nodes: [
    {
      id: 'pick',
      type: 'message',
      text: 'Which plan?',
      buttons: [
        { id: 'gold', title: 'Gold' },
        { id: 'free', title: 'Free' },
      ],
      exits: { gold: 'gold', free: 'free' },
    },
    { id: 'gold', type: 'set', assign: [{ variable: 'plan', value: 'gold' }, ...assign], exits: { next: 'done' } },
    { id: 'free', type: 'set', assign: [{ variable: 'plan', value: 'free' }], exits: { next: 'done' } },
    { id: 'done', type: 'message', text: 'Saved: {{plan}}', exits: { next: null } },
  ],
});

const codes = (f: Flow, contactFields?: string[]) =>
  validateFlow(f, contactFields ? { contactFields } : {}).issues.map((i) => `${i.severity} ${i.code} ${i.path}`);

describe('set node contact.<field> targets', () => {
  it('validate: attributes and custom fields pass, channel facts are read-only, unknown fields warn only with the field list', () => {
    const saving = flow([
      { variable: 'contact.plan', value: '{{plan}}' },
      { variable: 'contact.tags', value: 'customer' },
    ]);
    expect(codes(saving)).toEqual([]);
    expect(codes(saving, ['plan'])).toEqual([]);
    expect(codes(saving, ['tier'])).toEqual(['warning unknown-contact-field /nodes/1/assign/1/variable']);
    expect(validateFlow(saving, { contactFields: ['plann'] }).issues[0]?.message).toMatch(/contact\.plan.*Did you mean 'plann'/);
    expect(codes(flow([{ variable: 'contact.phone', value: '1' }]))).toEqual(['error contact-field-readonly /nodes/1/assign/1/variable']);
    expect(codes(flow([{ variable: 'contact.Plan', value: '1' }])).some((c) => c.startsWith('error schema-'))).toBe(true);
    expect(codes(flow([{ variable: 'contacts.plan', value: '1' }])).some((c) => c.startsWith('error schema-'))).toBe(true);
  });

  it('transcript tests check what was saved, and fail with the value that was', () => {
    const f = flow([{ variable: 'contact.plan', value: '{{plan}}' }]);
    const run = (contact: Record<string, unknown>) =>
      runFlowTest(f, {
        name: 't',
        turns: [{ bot: { text: 'Which plan?' } }, { tap: 'gold' }, { bot: { text: 'Saved: gold' } }, { expect: { contact } }],
      });
    expect(run({ plan: 'gold' }).passed).toBe(true);
    const failed = run({ plan: 'free' });
    expect(failed.passed).toBe(false);
    expect(failed.failures.join('\n')).toContain('contact.plan is "gold", expected "free"');
    expect(run({ tier: 'x' }).failures.join('\n')).toContain('contact.tier is undefined, expected "x"');
  });
});
