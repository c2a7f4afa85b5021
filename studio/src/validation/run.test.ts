import { describe, expect, it } from 'vitest';
import type { Flow } from '@parley/flow';
import { runValidation } from './run';

describe('studio validation run', () => {
  it('words issues for a marketer and keeps code, path and node for pinning', () => {
    const empty: Flow = { id: 'x', name: 'X', specVersion: '1.0.0', revision: 1, languages: ['en'], start: '', nodes: [] };
    const issue = runValidation(empty).find((i) => i.path === '/nodes');
    expect(issue).toMatchObject({
      code: 'schema-limit',
      severity: 'error',
      message: 'This flow has no steps yet — add one from the palette.',
    });

    const flow: Flow = {
      ...empty,
      start: 'ask_email',
      nodes: [{ id: 'ask_email', type: 'ask', prompt: 'Email?', expect: 'email', saveAs: 'email', exits: {} }],
    };
    const missing = runValidation(flow).find((i) => i.code === 'missing-exit');
    expect(missing).toMatchObject({ nodeId: 'ask_email', path: '/nodes/0/exits' });
    expect(missing!.message).toContain('“Ask email”');
    expect(missing!.message).not.toMatch(/null|'/);
  });
});
