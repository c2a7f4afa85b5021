import type { OutboundMessage } from '@parley/flow';

/** 0 = replies to a user, 1 = transactional notifications, 2 = bulk. Lower is sent first. */
export type Lane = 0 | 1 | 2;
export const LANES: readonly Lane[] = [0, 1, 2];

/** One message waiting in a conversation's outbox. `key` is the engine's idempotency key. */
export interface OutboundItem {
  key: string;
  nodeId: string;
  lane: Lane;
  message: OutboundMessage;
  fallbackTemplate?: Extract<OutboundMessage, { kind: 'template' }>;
  /** Send attempts so far (for backoff). */
  attempts: number;
  createdAt: number;
  /** When the inbound webhook that caused it arrived (webhook→send latency). */
  causedAt?: number;
  /** Requests of a multi-request message (paged list, split text) already accepted. */
  partsSent?: number;
  /** A campaign's message (the send plane treats it as marketing; results count it). */
  campaign?: { id: string; variant: string };
  /** Marketing although not a marketing template nor a campaign's: consent, quiet hours and caps apply. */
  marketing?: boolean;
}
