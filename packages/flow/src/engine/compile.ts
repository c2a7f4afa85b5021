/**
 * Flow → XState v5 machine. One state per node (plus four reserved states: boot, return,
 * done, ended), named guards and actions from `setup()`. Deterministic: the same flow gives
 * the same config. Cached by object identity and by content hash.
 *
 * Nodes that do not wait advance by eventless (`always`) transitions, so a whole chain of
 * them (route → set → message → …) runs inside one `machine.transition` call instead of one
 * call per node. XState runs eventless chains to completion with no cap of its own, so
 * every such state's first eventless transition is the `transitionCap` guard: it counts
 * each hop against the step's budget (carried by the event's turn) and, past the cap,
 * takes the chain to the `__cap` state, where the driver stops the step with an error.
 * `__boot` still advances on the driver's `next` event: XState would otherwise run the
 * chain while building the initial snapshot, before the step has a turn.
 *
 * Node states of flows with more than GROUP_SIZE nodes are nested in groups of GROUP_SIZE:
 * XState checks the root's children on every transition (isInFinalState), so a flat
 * 500-state root costs O(nodes) per step. Smaller flows stay flat, which saves a level of
 * tree walking on every microstep.
 * Every state has an explicit id and every target is an id (`#s:<key>`), so the grouping
 * changes nothing else.
 */
import type { AnyStateMachine, StateValue } from 'xstate';
import { nodeEngines } from '../nodes/engine-registry';
import { nodeWaits } from '../nodes/registry';
import { templateWaits } from '../nodes/template/payload-exits';
import type { Flow, FlowNode, NodeType } from '../types';
import { isChoiceNode } from './answers';
import { contentHash } from './hash';
import { parseDuration } from './duration';
import { BOOT, CAP, DONE, ENDED, RETURN, emptyContext, stateIdOf, targetOf, type MachineInput } from './machine-types';
import type { NodeOfType } from './node-engine';
import { createEngineSetup } from './setup';
import { CompileError, StateBuilder, mergeStateEffects, type StateDef, type TransitionDef } from './state-builder';

/** How a state behaves for the step driver. */
export type StateKind = 'transient' | 'user-wait' | 'system-wait' | 'handoff' | 'reserved';

export interface CompiledFlow {
  flow: Flow;
  hash: string;
  machine: AnyStateMachine;
  /** The XState config without its functions: what determinism is checked on. */
  states: Record<string, unknown>;
  keyOf(nodeId: string): string;
  /** State value of a state key (nested in its group). */
  valueOf(key: string): StateValue;
  /** State key of a (possibly nested) state value. */
  keyOfValue(value: StateValue): string;
  /** Node id of a state key (reserved keys map to themselves). */
  nodeOf(key: string): string;
  kindOf(key: string): StateKind;
  node(nodeId: string): FlowNode | undefined;
  /** settings.expireAfter in ms, if set. */
  expireMs: number | undefined;
}

export type CompileResult = { compiled: CompiledFlow; error?: undefined } | { compiled?: undefined; error: CompileError };

const byIdentity = new WeakMap<Flow, CompiledFlow>();
const byHash = new Map<string, CompiledFlow>();
const HASH_CACHE_LIMIT = 200;
const SAFE_KEY = /^[A-Za-z0-9_-]+$/;
const GROUP_SIZE = 24;

/** The node's state, built by its type's engine part; undefined for a type no engine knows (bad input). */
function buildState<T extends NodeType>(b: StateBuilder, type: T, node: NodeOfType<T>): StateDef | undefined {
  return Object.hasOwn(nodeEngines, type) ? nodeEngines[type].state(b, node) : undefined;
}

/**
 * Makes a state that does not wait advance by itself: its `next` transitions become
 * eventless, behind the cap guard (which counts the hop and stops a wait-less loop).
 */
function eventless(state: StateDef, nodeId: string): StateDef {
  const { next, ...on } = state.on ?? {};
  if (!next) return state;
  const { on: _dropped, ...rest } = state;
  return {
    ...rest,
    ...(Object.keys(on).length ? { on } : {}),
    always: [{ guard: { type: 'transitionCap', params: { nodeId } }, target: targetOf(CAP) }, ...next],
  };
}

function kindOfNode(node: FlowNode): StateKind {
  if (node.type === 'handoff') return 'handoff';
  if (node.type === 'ask' || isChoiceNode(node)) return 'user-wait';
  // A template with quick-reply payload exits waits for the customer's reply like a message with buttons.
  if (node.type === 'template' && templateWaits(node)) return 'user-wait';
  return nodeWaits(node) ? 'system-wait' : 'transient';
}

/** Compiles without touching the cache (used by the cache and by determinism tests). */
export function compileUncached(flow: Flow, hash = contentHash(flow)): CompileResult {
  try {
    if (!flow || !Array.isArray(flow.nodes)) throw new CompileError('flow has no nodes array', undefined, '/nodes');
    const nodeById = new Map<string, FlowNode>();
    const keyById = new Map<string, string>();
    const pathById = new Map<string, string>();
    flow.nodes.forEach((node, index) => {
      if (!node || typeof node.id !== 'string' || !node.id) throw new CompileError(`node ${index} has no id`, undefined, `/nodes/${index}`);
      if (nodeById.has(node.id)) throw new CompileError(`node id '${node.id}' is used twice`, node.id, `/nodes/${index}/id`);
      nodeById.set(node.id, node);
      // Node ids become state keys when XState can take them as-is; others get a positional key.
      keyById.set(node.id, SAFE_KEY.test(node.id) && !node.id.startsWith('__') ? node.id : `~${index}`);
      pathById.set(node.id, `/nodes/${index}`);
    });
    if (!nodeById.has(flow.start)) throw new CompileError(`start node '${flow.start}' is not a node of this flow`, undefined, '/start');
    const nodeOfKey = new Map([...keyById].map(([id, key]) => [key, id]));
    const kindByKey = new Map<string, StateKind>();
    const keyOf = (id: string) => keyById.get(id) ?? id;
    const b = new StateBuilder(flow, nodeById, keyOf, (id) => pathById.get(id) ?? '/nodes');

    const states: Record<string, unknown> = {};
    const groupOfKey = new Map<string, string>();
    // Small flows stay flat: one level less for XState to walk on every microstep.
    const flat = flow.nodes.length <= GROUP_SIZE;
    flow.nodes.forEach((node, index) => {
      const state = buildState(b, node.type, node);
      if (!state)
        throw new CompileError(
          `node '${node.id}' has unknown type '${String((node as { type: unknown }).type)}'`,
          node.id,
          `${pathById.get(node.id)}/type`,
        );
      const key = keyOf(node.id);
      const kind = kindOfNode(node);
      const config = { id: stateIdOf(key), ...mergeStateEffects(kind === 'transient' ? eventless(state, node.id) : state) };
      if (flat) {
        states[key] = config;
      } else {
        const group = `g${Math.floor(index / GROUP_SIZE)}`;
        const groupState = (states[group] ??= { initial: key, states: {} }) as { states: Record<string, unknown> };
        groupState.states[key] = config;
        groupOfKey.set(key, group);
      }
      kindByKey.set(key, kind);
    });
    const resumes: TransitionDef[] = [...b.resumable].sort().map((nodeId) => ({
      guard: { type: 'resumeTo', params: { nodeId } },
      target: targetOf(keyOf(nodeId)),
      reenter: true,
      actions: [{ type: 'popResume' }],
    }));
    const reserved = (key: string, state: StateDef) => {
      states[key] = { id: stateIdOf(key), ...state };
    };
    reserved(BOOT, {
      on: { next: [{ target: targetOf(keyOf(flow.start)), actions: [{ type: 'analytics', params: { name: 'flow.start' } }] }] },
    });
    reserved(
      RETURN,
      eventless(
        { on: { next: [...resumes, { guard: { type: 'isChild' }, target: targetOf(DONE) }, { target: targetOf(ENDED) }] } },
        RETURN,
      ),
    );
    reserved(CAP, {});
    reserved(DONE, {});
    reserved(ENDED, {});

    const machine = createEngineSetup(flow, nodeById).createMachine({
      id: 'flow',
      initial: BOOT,
      context: ({ input }: { input: MachineInput | undefined }) => emptyContext(input ?? { vars: {}, child: false }),
      // The config is built from data; its shape is checked by the builders, not by XState's generics.
      states: states as never,
    });
    const compiled: CompiledFlow = {
      flow,
      hash,
      // The engine only uses the untyped surface (resolveState, transition); see step.ts.
      machine: machine as unknown as AnyStateMachine,
      states,
      keyOf,
      valueOf: (key) => {
        const group = groupOfKey.get(key);
        return group ? { [group]: key } : key;
      },
      keyOfValue: (value) => (typeof value === 'string' ? value : String(Object.values(value)[0] ?? '')),
      nodeOf: (key) => nodeOfKey.get(key) ?? key,
      kindOf: (key) => kindByKey.get(key) ?? 'reserved',
      node: (id) => nodeById.get(id),
      expireMs: undefined,
    };
    if (flow.settings?.expireAfter !== undefined) {
      compiled.expireMs = parseDuration(flow.settings.expireAfter);
      if (compiled.expireMs === undefined)
        throw new CompileError(
          `settings.expireAfter "${flow.settings.expireAfter}" is not a duration like "30m", "2h" or "1d"`,
          undefined,
          '/settings/expireAfter',
        );
    }
    return { compiled };
  } catch (error) {
    if (error instanceof CompileError) return { error };
    return {
      error: new CompileError(`flow could not be compiled: ${error instanceof Error ? error.message : String(error)}`, undefined, ''),
    };
  }
}

export function compileFlow(flow: Flow): CompileResult {
  const known = byIdentity.get(flow);
  if (known) return { compiled: known };
  const hash = contentHash(flow);
  const cached = byHash.get(hash);
  if (cached) {
    byIdentity.set(flow, cached);
    return { compiled: cached };
  }
  const result = compileUncached(flow, hash);
  if (result.compiled) {
    if (byHash.size >= HASH_CACHE_LIMIT) byHash.delete(byHash.keys().next().value!);
    byHash.set(hash, result.compiled);
    byIdentity.set(flow, result.compiled);
  }
  return result;
}

/** Drops every cached machine (benchmarks measure cold compiles with it). */
export function clearCompileCache(): void {
  byHash.clear();
}

export { CompileError };
