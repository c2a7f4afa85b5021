import { upgradeSnapshot, type Effect, type EngineSnapshot, type Flow, type LegacySnapshot, type TimerKind } from '@parley/flow';
import type { ContactState } from './contact';
import type { DeskState } from './desk';
import type { InboxItem } from './inbox-item';
import type { Lane } from './outbound';

/** What the store keeps per conversation: the engine snapshot plus routing data. */
export interface StoredSession {
  snapshot: EngineSnapshot;
  /** The published version of the flow the session is pinned to (0: a simulator draft). The snapshot's `flowRevision` is the flow's own revision. */
  publishedVersion: number;
  startedAt: number;
  /** Lane for the session's sends: 0 when it answers the user, 1 when a business event started it. */
  lane?: Lane;
  /** Simulator sessions may run an unsaved draft flow: kept here (publishedVersion is then 0). */
  draft?: Flow;
  /** Kind of each pending timer (the simulator's "time out now" fires the wait's timer). */
  timerKinds?: Record<string, TimerKind>;
  /** Set while a person has the conversation: the bot stays silent. */
  desk?: DeskState;
  /**
   * HTTP/LLM requests in flight (performed after the commit by the worker that made it), kept
   * until their result arrives: a persisted deadline timer (`job:<requestId>`) runs a request
   * again when its worker died with it. `run` numbers the attempts (it is the timer's sprint).
   */
  jobs?: Record<string, { job: Extract<Effect, { type: 'http' | 'llm' }>; run: number }>;
  /** Subflow id → the published version this session first called: a child published mid-conversation does not change under it. */
  subflows?: Record<string, number>;
  /** Messages that arrived while the bot waited for an HTTP/LLM result: put back at the head of the inbox once it is in. */
  deferred?: InboxItem[];
  /** A campaign started this session: its sends not answering the user are the campaign's (marketing; counted in its results). */
  campaign?: { id: string; variant: string };
}

/** Everything an inbox item is processed against: the session, the contact and the pending timers (id → due time). */
export interface ConversationState {
  session: StoredSession | null;
  contact: ContactState | null;
  timers: Record<string, number>;
}

/** A session as stored before `publishedVersion`: the runtime wrote the published version into the snapshot's `flowVersion`. */
export type LegacyStoredSession = Omit<StoredSession, 'snapshot' | 'publishedVersion'> & {
  snapshot: LegacySnapshot;
  publishedVersion?: number;
};

/** Reads a stored session, migrating one stored before `publishedVersion` had its own field. */
export function readStoredSession(stored: StoredSession | LegacyStoredSession): StoredSession {
  const legacyVersion = 'flowVersion' in stored.snapshot ? stored.snapshot.flowVersion : undefined;
  return { ...stored, snapshot: upgradeSnapshot(stored.snapshot), publishedVersion: stored.publishedVersion ?? legacyVersion ?? 0 };
}
