import { describe, expect, it } from 'vitest';
import { decodeState } from '../stores/redis/conversations';
import { readStoredSession, type LegacyStoredSession, type StoredSession } from './session';

const current: StoredSession = {
  startedAt: 1,
  publishedVersion: 7,
  snapshot: {
    flowId: 'f',
    flowRevision: 3,
    specVersion: '1.0.0',
    sprint: 2,
    status: 'waiting',
    variables: {},
    engine: 1,
    language: 'en',
    frames: [
      { flowId: 'f', flowRevision: 3, at: 'ask' },
      { flowId: 'child', flowRevision: 5, at: 'q' },
    ],
    timers: {},
  },
};

/** As a runtime stored it before `publishedVersion`: the published version in the header's `flowVersion`, revisions in the frames'. */
const legacy: LegacyStoredSession = {
  startedAt: 1,
  snapshot: {
    flowId: 'f',
    flowVersion: 7,
    specVersion: '1.0.0',
    sprint: 2,
    status: 'waiting',
    variables: {},
    engine: 1,
    language: 'en',
    frames: [
      { flowId: 'f', flowVersion: 3, at: 'ask' },
      { flowId: 'child', flowVersion: 5, at: 'q' },
    ],
    timers: {},
  },
};

describe('stored sessions', () => {
  it('reads a current session as it is', () => {
    expect(readStoredSession(current)).toEqual(current);
  });

  it('migrates a session stored with the old flowVersion on read', () => {
    expect(readStoredSession(legacy)).toEqual(current);
  });

  it('the Redis store migrates what it loads', () => {
    expect(decodeState([JSON.stringify(legacy), [], []]).session).toEqual(current);
  });
});
