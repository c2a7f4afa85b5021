import { describe, expect, it } from 'vitest';
import { upgradeSnapshot, type EngineSnapshot, type LegacySnapshot } from './snapshot';
import { step } from './step';
import { makeFlow } from './test-kit';

const flow = makeFlow([
  { id: 'q', type: 'ask', prompt: 'Name?', expect: 'text', saveAs: 'name', exits: { next: 'bye' } },
  { id: 'bye', type: 'message', text: 'Bye {{name}}', exits: { next: null } },
]);

/** A snapshot as stored before the revision had its own name: `flowVersion` in the header and the frames. */
function legacy(snapshot: EngineSnapshot, headerVersion: number): LegacySnapshot {
  const { flowRevision: _header, frames, ...rest } = snapshot;
  return {
    ...rest,
    flowVersion: headerVersion,
    frames: frames.map(({ flowRevision, ...frame }) => ({ ...frame, flowVersion: flowRevision })),
  };
}

describe('snapshot revision', () => {
  const started = step({ ...flow, revision: 4 }, null, { type: 'start', contact: { id: 'c', channel: 'whatsapp' }, now: 1 }).snapshot;

  it('names the flow revision the engine stepped', () => {
    expect(started.flowRevision).toBe(4);
    expect(started.frames[0]?.flowRevision).toBe(4);
    expect(upgradeSnapshot(started)).toBe(started);
  });

  it('reads snapshots stored with the old field name (the header may hold a host version)', () => {
    const old = legacy(started, 17);
    const upgraded = upgradeSnapshot(old);
    expect(upgraded).toEqual(started);
    const answer = { type: 'message', message: { kind: 'text', text: 'Ana' }, now: 2 } as const;
    expect(step({ ...flow, revision: 4 }, old, answer)).toEqual(step({ ...flow, revision: 4 }, started, answer));
  });
});
