import { describe, expect, it } from 'vitest';
import { SPEC_VERSION, type Flow } from '@parley/flow';
import { prepareDraft } from './prepareDraft';
import before from '../../../packages/flow/src/migrate/fixtures/0.9.0-to-1.0.0/support-desk.before.json';
import after from '../../../packages/flow/src/migrate/fixtures/0.9.0-to-1.0.0/support-desk.after.json';

const current: Flow = {
  id: 'f',
  name: 'F',
  specVersion: SPEC_VERSION,
  revision: 3,
  languages: ['en'],
  start: 'a',
  nodes: [{ id: 'a', type: 'end' }],
};

describe('prepareDraft', () => {
  it('opens a current flow as is and fills a missing layout', () => {
    const r = prepareDraft({ flow: current, layout: null as never, revision: '3:0123456789abcdef' });
    expect(r).toEqual({ ok: true, draft: { flow: current, layout: { flowId: 'f', positions: {} }, revision: '3:0123456789abcdef' } });
  });

  it('upgrades a 0.9 draft and says that saving keeps the upgrade', () => {
    const r = prepareDraft({ flow: before as unknown as Flow, layout: { flowId: 'x', positions: {} }, revision: '1:0123456789abcdef' });
    expect(r.ok && r.draft.flow).toEqual(after);
    expect(r.ok && r.notice).toMatch(/upgraded .*0\.9\.0.*Save to keep/);
  });

  it('refuses a future spec version in plain words', () => {
    const r = prepareDraft({
      flow: { ...current, specVersion: '9.0.0' },
      layout: { flowId: 'f', positions: {} },
      revision: '3:0123456789abcdef',
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/newer than/);
  });

  it('refuses a flow without nodes instead of crashing', () => {
    const r = prepareDraft({
      flow: { ...current, nodes: 'nope' as never },
      layout: { flowId: 'f', positions: {} },
      revision: '3:0123456789abcdef',
    });
    expect(r).toEqual({ ok: false, message: expect.stringContaining('no "nodes" list') });
  });
});
