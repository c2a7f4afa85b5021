/**
 * Shared pieces for building one XState state per node: exit transitions, interrupts,
 * soft timeouts and wait timers. Configs are plain objects (deterministic for the same flow).
 */
import type { Flow, FlowNode } from '../types';
import type { Built } from './outbound';
import type { MachineContext, MachineEvent, Turn } from './machine-types';
import { RETURN, targetOf } from './machine-types';
import { parseDuration } from './duration';
import { EFFECT_ACTION_TYPES } from './effect-actions';
import type { ActionName, GuardName } from './machine-names';

export type ParamsFn = (args: { context: MachineContext; event: MachineEvent }) => unknown;
export interface ActionRef {
  type: ActionName;
  params?: unknown;
}
export interface TransitionDef {
  target?: string;
  reenter?: boolean;
  guard?: { type: GuardName; params?: unknown };
  actions?: ActionRef[];
}
export interface StateDef {
  entry?: ActionRef[];
  exit?: ActionRef[];
  on?: Record<string, TransitionDef[]>;
  /** Eventless transitions: only nodes that do not wait get them (see compile.ts). */
  always?: TransitionDef[];
}

/** A flow that cannot be compiled: names the node and the JSON path. */
export class CompileError extends Error {
  constructor(
    message: string,
    readonly nodeId: string | undefined,
    readonly path: string,
  ) {
    super(message);
  }
}

export class StateBuilder {
  /** Waits an interrupt or a nudge may return to. */
  readonly resumable = new Set<string>();
  /** Whether any text of the flow can read `route` (the last route match); conservative. */
  readonly readsRoute: boolean;

  constructor(
    readonly flow: Flow,
    readonly nodeById: ReadonlyMap<string, FlowNode>,
    readonly keyOf: (nodeId: string) => string,
    readonly pathOf: (nodeId: string) => string,
  ) {
    this.readsRoute = /\broute\s*[.[]/.test(JSON.stringify(flow.nodes));
  }

  get defaultLanguage(): string {
    return this.flow.languages[0] ?? 'en';
  }

  /** Target of an exit; a null or absent exit ends the branch. */
  target(node: FlowNode, exit: string): string {
    const to = node.exits && Object.hasOwn(node.exits, exit) ? node.exits[exit] : undefined;
    if (to === null || to === undefined) return targetOf(RETURN);
    if (!this.nodeById.has(to)) {
      throw new CompileError(
        `exit '${exit}' of node '${node.id}' points to '${to}', which is not a node of this flow`,
        node.id,
        `${this.pathOf(node.id)}/exits/${exit}`,
      );
    }
    return targetOf(this.keyOf(to));
  }

  /** Target of a node named by a flow setting (`path` is the setting's pointer, for the error). */
  settingTarget(nodeId: string, path: string, setting: string): string {
    if (!this.nodeById.has(nodeId)) throw new CompileError(`${setting} '${nodeId}' is not a node of this flow`, undefined, path);
    return targetOf(this.keyOf(nodeId));
  }

  hasExit(node: FlowNode, exit: string): boolean {
    return Boolean(node.exits && Object.hasOwn(node.exits, exit));
  }

  exit(node: FlowNode, exit: string, actions: ActionRef[] = [], guard?: TransitionDef['guard']): TransitionDef {
    return {
      ...(guard ? { guard } : {}),
      target: this.target(node, exit),
      reenter: true,
      actions: [...actions, { type: 'exitNode', params: { nodeId: node.id, exit } }],
    };
  }

  visit(node: FlowNode): ActionRef {
    return { type: 'visit', params: { nodeId: node.id } };
  }

  send(node: FlowNode, build: (context: MachineContext, turn: Turn) => Built, options: { quietable?: boolean } = {}): ActionRef {
    const nodeId = node.id;
    const params: ParamsFn = ({ context, event }) => {
      if (options.quietable && context.quiet === nodeId) return { nodeId, messages: [], errors: [] };
      return { nodeId, ...build(context, event.turn) };
    };
    return { type: 'send', params };
  }

  analytics(name: string, nodeId?: string, data?: Record<string, unknown>): ActionRef {
    return { type: 'analytics', params: { name, ...(nodeId ? { nodeId } : {}), ...(data ? { data } : {}) } };
  }

  duration(node: FlowNode, value: string, field: string): number {
    const ms = parseDuration(value);
    if (ms === undefined) {
      throw new CompileError(
        `node '${node.id}' ${field} "${value}" is not a duration like "30s", "15m", "2h" or "1d"`,
        node.id,
        `${this.pathOf(node.id)}/${field}`,
      );
    }
    return ms;
  }

  /** Interrupt transitions for a message at a wait; `resume` interrupts come back here. */
  interrupts(node: FlowNode): TransitionDef[] {
    return (this.flow.interrupts ?? []).map((interrupt, i) => {
      if (!this.nodeById.has(interrupt.target)) {
        throw new CompileError(
          `interrupt '${interrupt.intent}' targets '${interrupt.target}', which is not a node of this flow`,
          undefined,
          `/interrupts/${i}/target`,
        );
      }
      if (interrupt.resume) this.resumable.add(node.id);
      return {
        guard: { type: 'isInterrupt', params: { intent: interrupt.intent } },
        target: targetOf(this.keyOf(interrupt.target)),
        reenter: true,
        actions: [
          interrupt.resume ? { type: 'pushResume', params: { node: node.id, reprompt: true } } : { type: 'clearResume' },
          { type: 'leaveWait' },
          this.analytics('interrupt', node.id, { intent: interrupt.intent, resume: interrupt.resume }),
        ],
      };
    });
  }

  /** Entry/exit timer actions and timer transitions of a user wait (ask timeout + soft timeout). */
  userWaitTimers(node: FlowNode, timeout: string | undefined): { entry: ActionRef[]; exit: ActionRef[]; on: TransitionDef[] } {
    const entry: ActionRef[] = [];
    const exit: ActionRef[] = [];
    const on: TransitionDef[] = [];
    const soft = this.flow.settings?.softTimeout;
    if (soft) {
      if (!this.nodeById.has(soft.node)) {
        throw new CompileError(
          `settings.softTimeout.node '${soft.node}' is not a node of this flow`,
          undefined,
          '/settings/softTimeout/node',
        );
      }
      const delayMs = this.duration(node, soft.after, 'settings.softTimeout.after');
      const nodeId = node.id;
      const params: ParamsFn = ({ context }) => ({ kind: 'soft_timeout', delayMs, skip: context.nudged === nodeId });
      entry.push({ type: 'schedule', params });
      exit.push({ type: 'cancelTimer', params: { kind: 'soft_timeout' } });
      this.resumable.add(node.id);
      on.push({
        guard: { type: 'softDue', params: { nodeId } },
        target: targetOf(this.keyOf(soft.node)),
        reenter: true,
        actions: [
          { type: 'pushResume', params: { node: nodeId, reprompt: false } },
          { type: 'markNudged', params: { nodeId } },
          this.analytics('node.exit', nodeId, { exit: 'soft_timeout' }),
        ],
      });
    }
    if (timeout !== undefined) {
      entry.push({ type: 'schedule', params: { kind: 'ask_timeout', delayMs: this.duration(node, timeout, 'timeout') } });
      exit.push({ type: 'cancelTimer', params: { kind: 'ask_timeout' } });
      on.push(this.exit(node, 'timeout', [{ type: 'leaveWait' }], { type: 'timerIs', params: { kind: 'ask_timeout' } }));
    }
    return { entry, exit, on };
  }
}

const EFFECT_TYPES = new Set<string>(EFFECT_ACTION_TYPES);

function resolveParams(action: ActionRef, args: Parameters<ParamsFn>[0]): unknown {
  return typeof action.params === 'function' ? (action.params as ParamsFn)(args) : action.params;
}

/**
 * Merges runs of consecutive effect actions into one `batch` action. Effect actions do not
 * change the context, so every action of a run sees the same context either way; XState
 * then resolves one action instead of several on every transition.
 */
function mergeEffects(actions: ActionRef[] | undefined): ActionRef[] | undefined {
  if (!actions || actions.length < 2) return actions;
  const merged: ActionRef[] = [];
  let run: ActionRef[] = [];
  const flush = () => {
    if (run.length === 1) merged.push(run[0]!);
    else if (run.length > 1) {
      const parts = run;
      const params: ParamsFn = (args) => ({ actions: parts.map((part) => ({ type: part.type, params: resolveParams(part, args) })) });
      merged.push({ type: 'batch', params });
    }
    run = [];
  };
  for (const action of actions) {
    if (EFFECT_TYPES.has(action.type)) run.push(action);
    else {
      flush();
      merged.push(action);
    }
  }
  flush();
  return merged;
}

export function mergeStateEffects(state: StateDef): StateDef {
  const merge = (transitions: TransitionDef[]) =>
    transitions.map((transition) => (transition.actions ? { ...transition, actions: mergeEffects(transition.actions)! } : transition));
  const on: Record<string, TransitionDef[]> = {};
  for (const [event, transitions] of Object.entries(state.on ?? {})) on[event] = merge(transitions);
  return {
    ...(state.entry ? { entry: mergeEffects(state.entry)! } : {}),
    ...(state.exit ? { exit: mergeEffects(state.exit)! } : {}),
    ...(state.on ? { on } : {}),
    ...(state.always ? { always: merge(state.always) } : {}),
  };
}
