/**
 * A host-side driver for one conversation with the pure engine: it keeps the snapshot and a
 * virtual clock, computes understanding for user messages, keeps pending timers, and hands
 * HTTP/LLM requests back to its caller (the test runner answers them from mocks, `parley chat`
 * from mocks or the network). No I/O here, so it runs in Node, the browser and tests alike.
 */
import { isInsideWindow, type TemplateGate, type TemplateRefusal, type Understanding } from '@parley/contract';
import type { Flow } from '../types';
import type {
  Contact,
  Effect,
  EngineEvent,
  Expectations,
  FlowResolver,
  InboundMessage,
  OutboundMessage,
  TimerKind,
} from '../engine/contract';
import { expectationsAt, step, understandingFlowFor } from '../engine';

export type Snapshot = ReturnType<typeof step>['snapshot'];
/**
 * Host-side understanding. `context` carries the virtual clock and the contact's language, so
 * dates resolve like the engine sees them, and the flow the session is in right now (a
 * subflow's own intents and entities apply while it runs).
 */
export type Understand = (message: InboundMessage, expectations: Expectations | undefined, context: UnderstandContext) => Understanding;

export interface UnderstandContext {
  now: number;
  locale: string;
  /** The active flow: the innermost subflow, else the root flow. */
  flow: Flow;
}
export type PendingRequest = Extract<Effect, { type: 'http' | 'llm' }>;

export interface PendingTimer {
  timerId: string;
  kind: TimerKind;
  sprint: number;
  dueAt: number;
}

/** A message the bot sent (or, outside the 24-hour window, tried to: `dropped`). */
export interface BotMessage {
  nodeId: string;
  /** What the customer got: outside the window, a node's outsideWindow template instead of its message. */
  message: OutboundMessage;
  /** The free-form message the node's outsideWindow template replaced (the window was closed). */
  replaced?: OutboundMessage;
  /** A free-form message while the 24-hour window was closed: WhatsApp would refuse it, so it was not sent. */
  dropped?: 'window_closed';
}

/** A template the gate refused to send (nothing went out for it). */
export interface BotRefusal {
  nodeId: string;
  refused: { name: string; language: string; reason: TemplateRefusal; detail: string };
}

/** What one input produced. */
export interface Outcome {
  outbound: BotMessage[];
  /** Sent messages and refused templates, in the order the engine produced them. */
  bot: Array<BotMessage | BotRefusal>;
  /** HTTP/LLM requests waiting for an answer (`answer()` them). */
  requests: PendingRequest[];
  handoffs: Array<Extract<Effect, { type: 'handoff' }>>;
  errors: Array<Extract<Effect, { type: 'error' }>>;
  ended?: string;
}

export interface ConversationOptions {
  resolveFlow?: FlowResolver;
  understand?: Understand;
  /** Epoch ms of the virtual clock at the start. */
  startAt?: number;
  /** Asked at template nodes (see StepOptions.templates); without it templates are sent unchecked. */
  templates?: TemplateGate;
  /** Epoch ms of the customer's last message before the start (the 24-hour window runs from it). */
  lastUserMessageAt?: number;
}

/** Default virtual start: a Monday morning, so date-relative flows read naturally. */
export const DEFAULT_START = Date.UTC(2026, 0, 5, 9, 0, 0);

/** Each user turn moves the clock this far, so timestamps differ like in a real chat. */
const USER_TURN_MS = 5_000;

export class Conversation {
  snapshot: Snapshot | null = null;
  now: number;
  steps = 0;
  outcome?: string;
  private timers = new Map<string, PendingTimer>();
  /** Merged understanding flows per frame stack, kept so the host's per-flow understander cache hits. */
  private readonly understandingFlows = new Map<string, Flow>();
  private contact: Contact | undefined;
  /** Node ids entered and `node:exit` pairs taken so far (from the engine's analytics), for coverage. */
  readonly visited = new Set<string>();
  readonly exitsTaken = new Set<string>();
  /** What the flow saved to the contact so far (set node `contact.<field>` targets), the last value per field. */
  readonly savedToContact: Record<string, unknown> = {};
  /** How the last user message was understood (for `parley chat`'s /why). */
  lastUnderstanding: Understanding | undefined;
  /**
   * Virtual time of the user's last message: the 24-hour window runs from it. A session started
   * by an event (a cart abandoned, an appointment due) keeps the one given in the options (none by
   * default), so only templates go until the user writes; any other start stands for a user who
   * just wrote.
   */
  lastUserMessageAt: number | undefined;

  constructor(
    readonly flow: Flow,
    private readonly options: ConversationOptions = {},
  ) {
    this.now = options.startAt ?? DEFAULT_START;
    this.lastUserMessageAt = options.lastUserMessageAt;
  }

  get status(): string {
    return this.snapshot?.status ?? 'not started';
  }

  get variables(): Record<string, unknown> {
    return this.snapshot?.variables ?? {};
  }

  get pendingTimers(): PendingTimer[] {
    return [...this.timers.values()].sort((a, b) => a.dueAt - b.dueAt);
  }

  expectations(): Expectations | null {
    return this.snapshot ? expectationsAt(this.flow, this.snapshot, this.options.resolveFlow) : null;
  }

  /** The flow of the innermost frame: what the user is talking to right now. */
  activeFlow(): Flow {
    const frames = this.snapshot?.frames ?? [];
    return this.frameFlow(frames[frames.length - 1]?.flowId);
  }

  /** What a message is understood with: the active flow plus its callers' interrupt intents (as the runtime does). */
  understandingFlow(): Flow {
    const ids = (this.snapshot?.frames ?? []).map((f) => f.flowId);
    if (ids.length <= 1) return this.activeFlow();
    const key = ids.join('<');
    let merged = this.understandingFlows.get(key);
    if (!merged) {
      const flows = ids.map((id) => this.frameFlow(id));
      merged = understandingFlowFor(flows[flows.length - 1]!, flows.slice(0, -1).reverse());
      this.understandingFlows.set(key, merged);
    }
    return merged;
  }

  private frameFlow(id: string | undefined): Flow {
    if (id === undefined || id === this.flow.id) return this.flow;
    return this.options.resolveFlow?.(id) ?? this.flow;
  }

  /**
   * A fresh session. `trigger.message` is the text the user wrote to start it: understood with
   * the root flow (no wait yet, as the runtime's triggers do) and given to the engine as the
   * first step's input.
   */
  start(trigger?: Extract<EngineEvent, { type: 'start' }>['trigger'] & { message?: string }, contact?: Contact): Outcome {
    this.timers.clear();
    this.outcome = undefined;
    this.contact = contact;
    if (trigger?.kind !== 'event' || trigger.message !== undefined) this.lastUserMessageAt = this.now;
    const { message: text, ...engineTrigger } = trigger ?? { kind: 'manual' as const };
    let opening: { message: InboundMessage; understanding?: Understanding } | undefined;
    if (text !== undefined) {
      const message: InboundMessage = { kind: 'text', text };
      const locale = contact?.language ?? this.flow.languages[0] ?? 'en';
      const understanding = this.options.understand?.(message, undefined, { now: this.now, locale, flow: this.flow });
      this.lastUnderstanding = understanding;
      opening = { message, ...(understanding ? { understanding } : {}) };
    }
    return this.dispatch({
      type: 'start',
      now: this.now,
      ...(trigger ? { trigger: engineTrigger } : {}),
      ...(contact ? { contact } : {}),
      ...opening,
    });
  }

  /** A user message: understood against what the current wait expects, then stepped. */
  say(message: InboundMessage): Outcome {
    this.now += USER_TURN_MS;
    this.lastUserMessageAt = this.now;
    const expectations = this.expectations();
    const locale = this.contact?.language ?? expectations?.language ?? this.flow.languages[0] ?? 'en';
    const understanding = this.options.understand?.(message, expectations ?? undefined, {
      now: this.now,
      locale,
      flow: this.understandingFlow(),
    });
    this.lastUnderstanding = understanding;
    return this.dispatch({ type: 'message', message, now: this.now, ...(understanding ? { understanding } : {}) });
  }

  /** Fires the earliest pending timer (of `kind`, if given); null when none is pending. */
  fireTimer(kind?: TimerKind): Outcome | null {
    const timer = this.pendingTimers.find((t) => kind === undefined || t.kind === kind);
    if (!timer) return null;
    this.timers.delete(timer.timerId);
    this.now = Math.max(this.now, timer.dueAt);
    return this.dispatch({ type: 'timer.fired', timerId: timer.timerId, sprint: timer.sprint, now: this.now });
  }

  /** Feeds any engine event (http.done, handoff.released, …) and collects the effects. */
  dispatch(event: EngineEvent): Outcome {
    const result = step(this.flow, this.snapshot, event, {
      now: this.now,
      ...(this.options.resolveFlow ? { resolveFlow: this.options.resolveFlow } : {}),
      ...(this.options.templates ? { templates: this.options.templates } : {}),
    });
    this.steps++;
    this.snapshot = result.snapshot;
    return this.collect(result.effects);
  }

  private collect(effects: Effect[]): Outcome {
    const outcome: Outcome = { outbound: [], bot: [], requests: [], handoffs: [], errors: [] };
    const windowOpen = isInsideWindow(this.lastUserMessageAt, this.now);
    for (const effect of effects) {
      switch (effect.type) {
        case 'send': {
          const closed = !windowOpen && effect.message.kind !== 'template';
          // Outside the window the send plane sends the node's outsideWindow template instead (runtime/src/send/window.ts).
          const sent: BotMessage =
            closed && effect.fallbackTemplate
              ? { nodeId: effect.nodeId, message: effect.fallbackTemplate, replaced: effect.message }
              : { nodeId: effect.nodeId, message: effect.message, ...(closed ? { dropped: 'window_closed' as const } : {}) };
          outcome.outbound.push(sent);
          outcome.bot.push(sent);
          break;
        }
        case 'template.refused': {
          // A refused outsideWindow template matters only when the window is closed (the message was dropped with nothing instead).
          if (effect.outsideWindow && windowOpen) break;
          const { nodeId, name, language, reason, detail } = effect;
          outcome.bot.push({ nodeId, refused: { name, language, reason, detail } });
          break;
        }
        case 'timer.schedule':
          this.timers.set(effect.timerId, {
            timerId: effect.timerId,
            kind: effect.kind,
            sprint: effect.sprint,
            dueAt: this.now + effect.delayMs,
          });
          break;
        case 'timer.cancel':
          this.timers.delete(effect.timerId);
          break;
        case 'http':
        case 'llm':
          outcome.requests.push(effect);
          break;
        case 'handoff':
          outcome.handoffs.push(effect);
          break;
        case 'end':
          outcome.ended = effect.outcome;
          this.outcome = effect.outcome;
          break;
        case 'error':
          outcome.errors.push(effect);
          break;
        case 'contact.update':
          Object.assign(this.savedToContact, effect.fields);
          break;
        case 'analytics':
          if (effect.name === 'node.visit' && effect.nodeId) this.visited.add(effect.nodeId);
          if (effect.name === 'node.exit' && effect.nodeId && effect.exit) this.exitsTaken.add(`${effect.nodeId}:${effect.exit}`);
          break;
      }
    }
    return outcome;
  }
}
