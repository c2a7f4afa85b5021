import type { ContactState } from './contact';
import type { DeskEntry } from './desk';
import type { InboxItem } from './inbox-item';
import type { OutboundItem } from './outbound';
import type { StoredSession } from './session';

export interface TimerSpec {
  timerId: string;
  sprint: number;
  dueAt: number;
}

export interface CounterIncrement {
  /** e.g. "analytics:<flowId>:<yyyy-mm-dd>" */
  key: string;
  field: string;
  by: number;
}

/** Everything one processed inbox item changes, written atomically. */
export interface Commit {
  /** undefined = unchanged; null = delete the session. */
  session?: StoredSession | null;
  popInbox: boolean;
  outbound: OutboundItem[];
  timersSet: TimerSpec[];
  timersCancel: string[];
  counters: CounterIncrement[];
  contact?: ContactState;
  /** Idle sessions expire from storage after this long (seconds). */
  sessionTtlSec: number;
  /** Items put back at the head of the inbox, in order (messages deferred while a request was in flight). */
  requeue?: InboxItem[];
  /** The conversation's desk: opened (listed for agents), appended to, or closed (listing and transcript deleted). */
  desk?: { open?: { since: number }; log?: DeskEntry[]; close?: boolean };
}
