/**
 * The pure engine step: `step(flow, snapshot | null, event) → { snapshot, effects }`.
 * Translates the host event into a machine event, drives the compiled XState machine with
 * the pure `transition()` (nodes that do not wait advance by capped eventless transitions), turns
 * the returned actions into effects, and stops at a wait, at the end, or at the cap.
 * Never throws and never awaits.
 */
import type { TemplateGate } from '@parley/contract';
import type { AnyMachineSnapshot } from 'xstate';
import type { Flow } from '../types';
import { compileFlow, type CompiledFlow } from './compile';
import type { EngineEvent, FlowResolver, StepResult } from './contract';
import { isEffectAction, type EffectAction } from './effect-actions';
import {
  BOOT,
  CAP,
  DONE,
  ENDED,
  emptyContext,
  type MachineContext,
  type MachineInput,
  type MachineEvent,
  type TransitionBudget,
  type Turn,
} from './machine-types';
import { coerce } from './values';
import {
  ENGINE_SNAPSHOT_VERSION,
  contextFromFrame,
  frameFromContext,
  snapshotProblem,
  upgradeSnapshot,
  type EngineSnapshot,
  type FrameState,
  type LegacySnapshot,
} from './snapshot';
import { EffectLog } from './effect-log';
import { isUserEvent, translate } from './events';
import { checkAnswer } from './answers';
import { StepFailure, chooseLanguage, defaultVariables, failedResult, languageAfter } from './session';
import { pureTransition } from './pure-transition';
import { snapshotAt } from './restore';

export interface StepOptions {
  /** Looks up subflows (pinned versions). Without it, a subflow node is an error. */
  resolveFlow?: FlowResolver;
  /** Clock for this step when the event carries none. */
  now?: number;
  /** Cap on machine transitions in one step (default 100): a loop without a wait ends in an error. */
  maxTransitions?: number;
  /** Session time zone for dates (default: the snapshot's, else UTC). */
  timezone?: string;
  /**
   * Asked at every template node: renders the named values into the message Meta expects, or
   * refuses (paused, not approved, a missing parameter…), and the node takes its failure path.
   * Without it a template node sends what it has unchecked (the engine's behaviour before templates were files).
   */
  templates?: TemplateGate;
}

export const DEFAULT_MAX_TRANSITIONS = 100;
export const MAX_SUBFLOW_DEPTH = 8;
const TERMINAL = new Set(['ended', 'expired', 'errored']);

interface LiveFrame {
  compiled: CompiledFlow;
  state: FrameState;
  /** Restored lazily: parent frames are only rebuilt when a child returns. */
  snap?: AnyMachineSnapshot;
}

/**
 * A fresh frame: the machine's initial state (`__boot`, which has no entry actions) with the
 * context the machine's context factory would build from this input; the driver's first
 * `next` then enters the flow's start node.
 */
function bootSnapshot(compiled: CompiledFlow, input: MachineInput): AnyMachineSnapshot {
  return snapshotAt(compiled.machine, BOOT, compiled.valueOf(BOOT), emptyContext(input));
}

export function step(
  flow: Flow,
  stored: EngineSnapshot | LegacySnapshot | null,
  event: EngineEvent,
  options: StepOptions = {},
): StepResult<EngineSnapshot> {
  const snapshot = upgradeSnapshot(stored);
  try {
    return new StepRun(flow, snapshot, event, options).run();
  } catch (error) {
    const failure =
      error instanceof StepFailure
        ? error
        : new StepFailure('internal', `engine error: ${error instanceof Error ? error.message : String(error)}`);
    return failedResult(flow, snapshot, failure);
  }
}

class StepRun {
  private readonly log: EffectLog;
  private readonly maxTransitions: number;
  private frames: LiveFrame[] = [];
  private timers: Record<string, number> = {};
  private status: EngineSnapshot['status'] = 'active';
  private outcome: string | undefined;
  private sprint = 0;
  private turn!: Turn;
  private budget!: TransitionBudget;
  private session!: Pick<EngineSnapshot, 'language' | 'timezone' | 'contact' | 'trigger'>;

  constructor(
    private readonly flow: Flow,
    private readonly previous: EngineSnapshot | null,
    private readonly event: EngineEvent,
    private readonly options: StepOptions,
  ) {
    this.maxTransitions = options.maxTransitions ?? DEFAULT_MAX_TRANSITIONS;
    this.budget = { used: 0, max: this.maxTransitions };
    this.log = new EffectLog(flow?.id ?? 'flow');
  }

  run(): StepResult<EngineSnapshot> {
    const event = this.event;
    if (!event || typeof event !== 'object' || typeof event.type !== 'string')
      throw new StepFailure('bad_event', 'event must be an object with a type');
    const now = ('now' in event && typeof event.now === 'number' ? event.now : undefined) ?? this.options.now ?? Date.now();
    if (event.type === 'start') return this.start(event, now);
    return this.resume(event, now);
  }

  private compile(flow: Flow): CompiledFlow {
    const result = compileFlow(flow);
    if (result.error)
      throw new StepFailure('compile', `flow '${flow?.id}': ${result.error.message} (at ${result.error.path || '/'})`, result.error.nodeId);
    return result.compiled;
  }

  private start(event: Extract<EngineEvent, { type: 'start' }>, now: number): StepResult<EngineSnapshot> {
    const compiled = this.compile(this.flow);
    const previous = this.previous && !snapshotProblem(this.previous) ? this.previous : null;
    // A restart supersedes the old session: its timers go, its sprint keeps counting so they are stale anyway.
    if (previous) for (const timerId of Object.keys(previous.timers)) this.log.push({ type: 'timer.cancel', timerId });
    // Even an unusable previous snapshot's sprint is continued, so its timers stay stale.
    const lastSprint =
      this.previous && typeof this.previous.sprint === 'number' && Number.isFinite(this.previous.sprint) ? this.previous.sprint : 0;
    this.sprint = lastSprint + 1;
    this.session = {
      language: chooseLanguage(this.flow, event.contact?.language),
      timezone: this.options.timezone ?? previous?.timezone,
      ...(event.contact ? { contact: event.contact } : {}),
      ...(event.trigger ? { trigger: event.trigger } : {}),
    };
    const vars = defaultVariables(this.flow);
    for (const [name, value] of Object.entries(event.trigger?.params ?? {})) {
      if (this.flow.variables && Object.hasOwn(this.flow.variables, name)) vars[name] = coerce(value, this.flow.variables[name]);
    }
    const snap = bootSnapshot(compiled, { vars, child: false });
    this.frames = [
      {
        compiled,
        state: { flowId: this.flow.id, flowRevision: this.flow.revision, at: compiled.nodeOf(compiled.keyOfValue(snap.value)) },
        snap,
      },
    ];
    const opening =
      event.message && !isUserEvent(event.message)
        ? { type: 'message' as const, message: event.message, ...(event.understanding ? { understanding: event.understanding } : {}) }
        : undefined;
    // Written in another of the flow's languages, the opening message sets the session's language.
    if (opening)
      this.session.language = languageAfter(this.flow, this.session.language, opening.message.text, opening.understanding?.language);
    this.turn = this.makeTurn(now);
    this.drive({ type: 'next', turn: this.turn }, false);
    if (opening) this.answerFirstAsk(opening, now);
    return this.finish();
  }

  /**
   * The message that started the session is the first step's input: when the flow's first wait
   * is an ask it already answers ("where is my order 123456?" at "What's your order number?"),
   * the prompt is taken back and the answer is taken as if the user had replied. A free-text ask
   * (`expect: text` without a `validate` test) would take any message, so it still asks.
   */
  private answerFirstAsk(opening: Extract<EngineEvent, { type: 'message' }>, now: number, withFlowEntities = false): void {
    if (this.status !== 'active') return;
    const index = this.frames.length - 1;
    const top = this.frames[index]!;
    const key = top.compiled.keyOfValue(this.snapOf(top, index).value);
    const node = top.compiled.kindOf(key) === 'user-wait' ? top.compiled.node(top.compiled.nodeOf(key)) : undefined;
    if (node?.type !== 'ask' || (node.expect === 'text' && !node.validate)) return;
    const made = this.makeTurn(now, opening);
    const turn = withFlowEntities && top.compiled.flow.entities ? { ...made, entities: top.compiled.flow.entities } : made;
    if (!checkAnswer(node, top.snap!.context as MachineContext, turn, top.compiled.flow.languages[0] ?? 'en').ok) return;
    this.log.dropSends(node.id);
    this.turn = turn;
    this.drive({ type: 'message', turn }, true);
  }

  /** Whether the top frame waits at an ask that takes any text (`expect: text` without `validate`). */
  private waitsAtFreeTextAsk(): boolean {
    const index = this.frames.length - 1;
    const top = this.frames[index]!;
    const key = top.compiled.keyOfValue(this.snapOf(top, index).value);
    const node = top.compiled.kindOf(key) === 'user-wait' ? top.compiled.node(top.compiled.nodeOf(key)) : undefined;
    return node?.type === 'ask' && node.expect === 'text' && !node.validate;
  }

  private resume(event: Exclude<EngineEvent, { type: 'start' }>, now: number): StepResult<EngineSnapshot> {
    const previous = this.previous;
    if (!previous) throw new StepFailure('no_session', `a '${event.type}' event needs a session: send 'start' first`);
    const problem = snapshotProblem(previous);
    if (problem) throw new StepFailure('bad_snapshot', problem);
    if (TERMINAL.has(previous.status)) return { snapshot: previous, effects: [] };
    if (previous.flowId !== this.flow.id)
      throw new StepFailure('flow_mismatch', `snapshot is for flow '${previous.flowId}', not '${this.flow.id}'`);
    const ignored = { snapshot: previous, effects: [] };
    this.sprint = previous.sprint + 1;
    this.timers = { ...previous.timers };
    this.session = {
      language: previous.language,
      timezone: this.options.timezone ?? previous.timezone,
      contact: previous.contact,
      trigger: previous.trigger,
    };
    this.frames = previous.frames.map((state, index) => ({
      compiled: index === 0 ? this.compile(this.flow) : this.compile(this.resolve(state.flowId)),
      state,
    }));

    const translated = translate(event, previous);
    if (translated.action === 'ignore') return ignored;
    if (translated.timerId) delete this.timers[translated.timerId];
    // A user who writes in another language the flow speaks is answered in it from now on.
    if (translated.message)
      this.session.language = languageAfter(
        this.flow,
        this.session.language,
        translated.message.message.text,
        translated.message.understanding?.language,
      );
    this.turn = this.makeTurn(now, translated.message);
    if (translated.action === 'expire') return this.expire();
    const machineEvent = translated.toMachine(this.turn);
    if (machineEvent.type === 'message') this.unwindToInterruptingFrame();
    const takenAsFreeText = machineEvent.type === 'message' && this.waitsAtFreeTextAsk();
    const depth = this.frames.length;
    const handled = this.drive(machineEvent, true);
    // Free text routed by what it means into a subflow ("where is my order 123456?" at "What can
    // I help you with?") opens that subflow as a trigger message opens a flow; its understanding
    // was the caller's, so the subflow reads it again with its own entities. A typed answer (a
    // number, an email) is not carried: "2" adults must not also answer "how many children?".
    if (handled && takenAsFreeText && translated.message && this.frames.length > depth) {
      this.answerFirstAsk({ type: 'message', message: translated.message.message }, now, true);
    }
    return handled ? this.finish() : ignored;
  }

  /**
   * An interrupt intent of a calling flow, said while a subflow waits, belongs to the caller:
   * the subflow frames above it are dropped (with their wait timers) so the caller handles it.
   */
  private unwindToInterruptingFrame(): void {
    const intent = this.turn.understanding?.intent;
    if (!intent || this.frames.length < 2) return;
    const handles = (frame: LiveFrame) => (frame.compiled.flow.interrupts ?? []).some((interrupt) => interrupt.intent === intent);
    if (handles(this.frames[this.frames.length - 1]!)) return;
    for (let index = this.frames.length - 2; index >= 0; index--) {
      if (!handles(this.frames[index]!)) continue;
      this.frames.length = index + 1;
      for (const timerId of ['ask_timeout', 'soft_timeout', 'wait']) this.log.cancel(timerId, this.timers);
      return;
    }
  }

  private resolve(flowId: string): Flow {
    const child = this.options.resolveFlow?.(flowId);
    if (!child)
      throw new StepFailure('unknown_subflow', `subflow '${flowId}' could not be resolved (no resolveFlow, or it returned nothing)`);
    return child;
  }

  private makeTurn(now: number, message?: Extract<EngineEvent, { type: 'message' }>): Turn {
    return {
      now,
      sprint: this.sprint,
      language: this.session.language,
      timezone: this.session.timezone ?? 'UTC',
      budget: this.budget,
      ...(message ? { input: message.message, ...(message.understanding ? { understanding: message.understanding } : {}) } : {}),
      ...(this.session.contact ? { contact: this.session.contact } : {}),
      ...(this.session.trigger ? { trigger: this.session.trigger } : {}),
      ...(this.options.templates ? { templates: this.options.templates } : {}),
    };
  }

  private rootVars(): Record<string, unknown> {
    return this.previous?.variables ?? {};
  }

  private snapOf(frame: LiveFrame, index: number): AnyMachineSnapshot {
    if (!frame.snap) {
      const at = frame.state.at;
      if (frame.compiled.kindOf(frame.compiled.keyOf(at)) === 'reserved' && !frame.compiled.node(at) && !at.startsWith('__')) {
        // The session is pinned to another revision whose node is gone: say so instead of guessing.
        throw new StepFailure(
          'node_missing',
          `the session waits at node '${at}', which flow '${frame.state.flowId}' revision ${frame.compiled.flow.revision} does not have (snapshot is from revision ${frame.state.flowRevision})`,
          at,
        );
      }
      const context = contextFromFrame(frame.state, this.rootVars(), index === 0);
      const key = frame.compiled.keyOf(at);
      frame.snap = snapshotAt(frame.compiled.machine, key, frame.compiled.valueOf(key), context);
    }
    return frame.snap;
  }

  private capReached(nodeId: string): StepFailure {
    return new StepFailure(
      'transition_cap',
      `the step took more than ${this.maxTransitions} transitions without waiting (a loop with no wait?) near node '${nodeId}'`,
      nodeId,
    );
  }

  /**
   * Sends machine events until a wait, the end, or the cap. Nodes that do not wait advance
   * inside one machine transition (eventless chains, each hop counted by the transitionCap
   * guard against the same budget as the events sent here). Returns false when the first
   * event was not handled at all.
   */
  private drive(first: MachineEvent, ignoreUnhandled: boolean): boolean {
    let event: MachineEvent | null = first;
    let count = 0;
    while (event) {
      count++;
      if (++this.budget.used > this.budget.max) {
        const at = this.frames[this.frames.length - 1]!;
        throw this.capReached(at.snap ? at.compiled.nodeOf(at.compiled.keyOfValue(at.snap.value)) : at.state.at);
      }
      const index = this.frames.length - 1;
      const frame = this.frames[index]!;
      const before = this.snapOf(frame, index);
      const [after, actions] = pureTransition(frame.compiled.machine, before, event);
      const unchanged =
        after.context === before.context && frame.compiled.keyOfValue(after.value) === frame.compiled.keyOfValue(before.value);
      if (ignoreUnhandled && count === 1 && actions.length === 0 && unchanged) return false;
      frame.snap = after;
      const call = this.interpret(actions, index === 0);
      if (call) {
        this.pushSubflow(call);
        event = { type: 'next', turn: this.turn };
        continue;
      }
      const key = frame.compiled.keyOfValue(after.value);
      if (key === CAP) throw this.capReached(this.budget.at ?? CAP);
      if (key === DONE) {
        const child = this.frames.pop()!;
        event = { type: 'child', variables: (child.snap!.context as MachineContext).vars, turn: this.turn };
      } else if (key === ENDED) {
        this.status = 'ended';
        event = null;
      } else {
        // Only a fresh frame's boot state needs a push; every other state that does not wait moved on by itself.
        event = key === BOOT ? { type: 'next', turn: this.turn } : null;
      }
    }
    return true;
  }

  private pushSubflow(call: { nodeId: string; flow: string; params: Record<string, unknown> }): void {
    if (this.frames.length >= MAX_SUBFLOW_DEPTH)
      throw new StepFailure('subflow_depth', `subflows nest deeper than ${MAX_SUBFLOW_DEPTH} (a subflow calling itself?)`, call.nodeId);
    const child = this.resolve(call.flow);
    const compiled = this.compile(child);
    const vars = { ...defaultVariables(child) };
    for (const [name, value] of Object.entries(call.params)) vars[name] = coerce(value, child.variables?.[name]);
    const snap = bootSnapshot(compiled, { vars, child: true });
    this.frames.push({ compiled, state: { flowId: child.id, flowRevision: child.revision, at: compiled.keyOfValue(snap.value) }, snap });
  }

  /** Turns the machine's actions into effects; returns a subflow call if one was made. */
  private interpret(actions: Array<{ type: string; params?: unknown }>, root: boolean) {
    let call: { nodeId: string; flow: string; params: Record<string, unknown> } | undefined;
    for (const action of actions) {
      if (!isEffectAction(action)) continue;
      if (action.type !== 'batch') call = this.effect(action, root) ?? call;
      else for (const part of action.params.actions) call = this.effect(part, root) ?? call;
    }
    return call;
  }

  private effect(action: EffectAction, root: boolean) {
    if (action.type === 'batch') return undefined;
    if (action.type === 'callSubflow') {
      this.log.warnings(action.params.nodeId, action.params.errors);
      return action.params;
    }
    if (action.type === 'end') {
      if (root) this.outcome = action.params.outcome;
    } else {
      this.log.apply(action, this.sprint, this.timers);
    }
    return undefined;
  }

  private expire(): StepResult<EngineSnapshot> {
    this.status = 'expired';
    this.outcome = 'expired';
    return this.finish();
  }

  private finish(): StepResult<EngineSnapshot> {
    const top = this.frames[this.frames.length - 1];
    let waitingAt: string | undefined;
    if (this.status === 'ended' || this.status === 'expired') {
      const outcome = this.outcome ?? 'completed';
      this.log.push({ type: 'end', outcome });
      this.log.push({ type: 'analytics', name: 'flow.end', data: { outcome } });
      this.log.cancelAll(this.timers);
    } else if (top) {
      const key = top.compiled.keyOfValue(this.snapOf(top, this.frames.length - 1).value);
      const kind = top.compiled.kindOf(key);
      this.status = kind === 'user-wait' ? 'waiting' : kind === 'handoff' ? 'handoff' : 'active';
      waitingAt = top.compiled.nodeOf(key);
      const expireMs = this.frames[0]?.compiled.expireMs;
      if (expireMs !== undefined) this.log.schedule('expire', 'expire', expireMs, this.sprint, this.timers);
    }
    const frames = this.frames.map((frame, index) => {
      if (!frame.snap) return frame.state;
      const snap = frame.snap;
      return frameFromContext(
        frame.state.flowId,
        frame.state.flowRevision,
        frame.compiled.nodeOf(frame.compiled.keyOfValue(snap.value)),
        snap.context as MachineContext,
        index === 0,
      );
    });
    const root = this.frames[0];
    const variables = root?.snap ? (root.snap.context as MachineContext).vars : this.rootVars();
    const snapshot: EngineSnapshot = {
      engine: ENGINE_SNAPSHOT_VERSION,
      flowId: this.flow.id,
      flowRevision: this.flow.revision,
      specVersion: this.flow.specVersion,
      sprint: this.sprint,
      status: this.status,
      ...(waitingAt !== undefined ? { waitingAt } : {}),
      variables,
      language: this.session.language,
      ...(this.session.timezone ? { timezone: this.session.timezone } : {}),
      ...(this.session.contact ? { contact: this.session.contact } : {}),
      ...(this.session.trigger ? { trigger: this.session.trigger } : {}),
      frames,
      timers: this.timers,
      ...(this.outcome && (this.status === 'ended' || this.status === 'expired') ? { outcome: this.outcome } : {}),
    };
    return { snapshot, effects: this.log.result() };
  }
}
