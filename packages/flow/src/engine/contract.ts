/**
 * The engine's public contract: `step(flow, snapshot | null, event) → { snapshot, effects }`.
 * Events come in from the host (runtime, CLI, test runner); effects go out as data.
 * The engine never performs I/O and never awaits.
 */
import type { Understanding } from '@parley/nlu';
import type { AskExpect, Flow, LanguageCode } from '../types';

/**
 * A normalized inbound message, as the engine sees it (subset of schemas/message.schema.json).
 * `reaction` and `unsupported` (edits, revokes, system notices, orders…) are events, not
 * replies: see `isUserEvent` in `events.ts`.
 */
export interface InboundMessage {
  kind: 'text' | 'button' | 'list' | 'media' | 'location' | 'contacts' | 'reaction' | 'unsupported';
  text?: string;
  /** Button / list-row / quick-reply id the user picked. */
  choiceId?: string;
  media?: { type: 'image' | 'video' | 'audio' | 'document' | 'sticker'; id?: string; url?: string; mime?: string; caption?: string };
  location?: { latitude: number; longitude: number; name?: string; address?: string };
}

export interface Contact {
  id: string;
  name?: string;
  phone?: string;
  language?: LanguageCode;
  channel?: 'whatsapp' | 'messenger' | 'instagram' | 'simulator';
}

export type EngineEvent =
  /**
   * `message` (with its `understanding`) is the message that started the session: the first
   * ask it answers takes it instead of asking (see `step.ts`).
   */
  | { type: 'start'; contact?: Contact; trigger?: { kind: 'keyword' | 'intent' | 'event' | 'manual'; name?: string; params?: Record<string, unknown> }; message?: InboundMessage; understanding?: Understanding; now?: number }
  | { type: 'message'; message: InboundMessage; understanding?: Understanding; now?: number }
  | { type: 'timer.fired'; timerId: string; sprint: number; now?: number }
  | { type: 'http.done'; requestId: string; status: number; body: unknown; headers?: Record<string, string> }
  | { type: 'http.failed'; requestId: string; error: string }
  | { type: 'llm.done'; requestId: string; text: string }
  | { type: 'llm.failed'; requestId: string; error: string }
  | { type: 'handoff.released'; variables?: Record<string, unknown> };

export interface ChoiceOption {
  id: string;
  title: string;
  description?: string;
}

/** Channel-neutral outbound message; channels turn it into Graph API requests within Meta's limits. */
export type OutboundMessage =
  | { kind: 'text'; text: string }
  | { kind: 'media'; media: { type: 'image' | 'video' | 'audio' | 'document' | 'sticker'; url: string; caption?: string; filename?: string } }
  /** A choice prompt: ≤3 options become reply buttons, ≤10 a list, more a paged list. */
  | { kind: 'choices'; text: string; options: ChoiceOption[]; listButton?: string; sections?: Array<{ title?: string; optionIds: string[] }> }
  | { kind: 'template'; name: string; language: string; params: { header?: string[]; body?: string[]; buttons?: string[] } };

export type TimerKind = 'ask_timeout' | 'soft_timeout' | 'expire' | 'wait';

export type Effect =
  /** `key` is unique per (session, sprint, index): the idempotency key for sending. `fallbackTemplate` is used outside the 24-hour window. */
  | { type: 'send'; key: string; nodeId: string; message: OutboundMessage; fallbackTemplate?: Extract<OutboundMessage, { kind: 'template' }> }
  | { type: 'timer.schedule'; timerId: string; kind: TimerKind; delayMs: number; sprint: number }
  | { type: 'timer.cancel'; timerId: string }
  | { type: 'http'; requestId: string; nodeId: string; request: { method: string; url: string; headers: Record<string, string>; body?: string; timeoutMs: number; retries: number } }
  | { type: 'llm'; requestId: string; nodeId: string; prompt: string; context: Record<string, unknown> }
  | { type: 'handoff'; nodeId: string; queue?: string; reason?: string }
  | { type: 'end'; outcome: string }
  /** `expression.error`: a template/expression failed at run time; the text rendered without that part and the flow went on. */
  | { type: 'analytics'; name: 'node.visit' | 'node.exit' | 'flow.start' | 'flow.end' | 'misunderstood' | 'interrupt' | 'expression.error'; nodeId?: string; exit?: string; data?: Record<string, unknown> }
  /** The step itself failed (transition cap, bad expression…): the session is parked, not crashed. */
  | { type: 'error'; code: string; message: string; nodeId?: string };

export type SessionStatus = 'active' | 'waiting' | 'handoff' | 'ended' | 'expired' | 'errored';

/** Metadata every snapshot carries; the rest is engine-private but plain JSON. */
export interface SnapshotHeader {
  flowId: string;
  /** The flow's revision / published version the session is pinned to. */
  flowVersion: number;
  specVersion: string;
  /** Increments on every step; timers carry it so a stale one is ignored. */
  sprint: number;
  status: SessionStatus;
  /** Node id the session waits at (for the studio's highlight), if any. */
  waitingAt?: string;
  variables: Record<string, unknown>;
}

export interface StepResult<S extends SnapshotHeader = SnapshotHeader> {
  snapshot: S;
  effects: Effect[];
}

/** Subflows are looked up through this; the host supplies it (pinned versions). */
export type FlowResolver = (flowId: string) => Flow | undefined;

/**
 * What the session waits for, so the host can narrow understanding to the
 * eligible candidates: the wait's intents and choices plus the flow's interrupts.
 */
export interface Expectations {
  nodeId: string | null;
  /** Intents tested at this wait (has_intent cases after it) plus interrupt intents. */
  intents: string[];
  interruptIntents: string[];
  choices: Array<{ id: string; title: string; synonyms?: string[] }>;
  expect?: AskExpect;
  language: string;
}
