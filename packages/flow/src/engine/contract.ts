/**
 * The engine's public contract: `step(flow, snapshot | null, event) → { snapshot, effects }`.
 * Events come in from the host (runtime, CLI, test runner); effects go out as data.
 * The engine never performs I/O and never awaits.
 */
import type {
  ConversationChannel,
  InboundMessage,
  OutboundMessage,
  SessionStatus,
  TemplateMessage,
  TemplateRefusal,
  Understanding,
} from '@parley/contract';
import type { Flow, LanguageCode } from '../types';

// The message, expectation and status shapes are shared with understanding, the channels and
// the API, so they live in @parley/contract; the engine's public API re-exports them.
export type { ChoiceOption, Expectations, InboundMessage, OutboundMessage, SessionStatus } from '@parley/contract';

export interface Contact {
  id: string;
  name?: string;
  phone?: string;
  language?: LanguageCode;
  channel?: ConversationChannel;
}

export type EngineEvent =
  /**
   * `message` (with its `understanding`) is the message that started the session: the first
   * ask it answers takes it instead of asking (see `step.ts`).
   */
  | {
      type: 'start';
      contact?: Contact;
      trigger?: { kind: 'keyword' | 'intent' | 'event' | 'manual'; name?: string; params?: Record<string, unknown> };
      message?: InboundMessage;
      understanding?: Understanding;
      now?: number;
    }
  | { type: 'message'; message: InboundMessage; understanding?: Understanding; now?: number }
  | { type: 'timer.fired'; timerId: string; sprint: number; now?: number }
  | { type: 'http.done'; requestId: string; status: number; body: unknown; headers?: Record<string, string> }
  | { type: 'http.failed'; requestId: string; error: string }
  | { type: 'llm.done'; requestId: string; text: string }
  | { type: 'llm.failed'; requestId: string; error: string }
  | { type: 'handoff.released'; variables?: Record<string, unknown> };

export type TimerKind = 'ask_timeout' | 'soft_timeout' | 'expire' | 'wait';

export type Effect =
  /** `key` is unique per (session, sprint, index): the idempotency key for sending. `fallbackTemplate` is used outside the 24-hour window. */
  | { type: 'send'; key: string; nodeId: string; message: OutboundMessage; fallbackTemplate?: TemplateMessage }
  | { type: 'timer.schedule'; timerId: string; kind: TimerKind; delayMs: number; sprint: number }
  | { type: 'timer.cancel'; timerId: string }
  | {
      type: 'http';
      requestId: string;
      nodeId: string;
      request: { method: string; url: string; headers: Record<string, string>; body?: string; timeoutMs: number; retries: number };
    }
  | { type: 'llm'; requestId: string; nodeId: string; prompt: string; context: Record<string, unknown> }
  | { type: 'handoff'; nodeId: string; queue?: string; reason?: string }
  /**
   * A template could not be prepared (the host's TemplateGate refused it). At a template node
   * nothing was sent for it and the node took its `failed` exit, else settings.templateFailure,
   * else `next`. For a message/ask node's `outsideWindow` template the node's messages went
   * without a `fallbackTemplate` (no path change): outside the window nothing replaces them.
   */
  | {
      type: 'template.refused';
      nodeId: string;
      name: string;
      language: string;
      reason: TemplateRefusal;
      detail: string;
      /** Set when it was a message/ask node's `outsideWindow` template. */
      outsideWindow?: true;
    }
  | { type: 'end'; outcome: string }
  /**
   * A set node saved values to the contact (`contact.<field>` targets): the host writes them to the
   * contact's record. Keys: name, language, timezone, tags, or a custom field's key.
   */
  | { type: 'contact.update'; nodeId: string; fields: Record<string, unknown> }
  /** `expression.error`: a template/expression failed at run time; the text rendered without that part and the flow went on. */
  | {
      type: 'analytics';
      name: 'node.visit' | 'node.exit' | 'flow.start' | 'flow.end' | 'misunderstood' | 'interrupt' | 'expression.error';
      nodeId?: string;
      exit?: string;
      data?: Record<string, unknown>;
    }
  /** The step itself failed (transition cap, bad expression…): the session is parked, not crashed. */
  | { type: 'error'; code: string; message: string; nodeId?: string };

/** Metadata every snapshot carries; the rest is engine-private but plain JSON. */
export interface SnapshotHeader {
  flowId: string;
  /**
   * The `revision` of the flow the engine stepped. (A host that publishes versions keeps the
   * published version it pinned the session to itself: the runtime's `publishedVersion`.)
   */
  flowRevision: number;
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
