/**
 * What a node type gives the engine: the XState state for one of its nodes, and the named
 * guards and context updates that state refers to. Each node type's module lives in
 * `nodes/<type>/engine.ts`; `nodes/engine-registry.ts` collects them, `compile.ts` builds the
 * states from it and `setup.ts` hands the guards and updates to XState's `setup()`.
 */
import type { Flow, FlowNode, NodeType, VariableDecl } from '../types';
import type { MachineContext, MachineEvent } from './machine-types';
import type { NodeGuardName, NodeUpdateName } from './machine-names';
import type { StateBuilder, StateDef } from './state-builder';

/** What guards and assign actions receive from XState (the part the engine reads). */
export interface MachineArgs {
  context: MachineContext;
  event: MachineEvent;
}

/** The usual parameters of a node's guards and actions. */
export interface NodeParams {
  nodeId: string;
}

/**
 * A named guard. Its parameters are whatever its state's transitions pass; `never` here
 * accepts any parameter type (each implementation declares its own).
 */
export type NodeGuard = (args: MachineArgs, params: never) => boolean;

/** A named assign action: the part of the frame context it replaces. */
export type ContextUpdate = (args: MachineArgs, params: never) => Partial<MachineContext>;

/** The compiled flow, as the guards and updates of one machine see it. */
export interface EngineScope {
  flow: Flow;
  defaultLanguage: string;
  /** The node with this id, typed as the node type asking for it (ids come from its own states). */
  node<N extends FlowNode>(id: string): N;
  /** The declaration of a flow variable, if any. */
  declared(name: string): VariableDecl | undefined;
}

/** A node type's guards and updates for one machine; made once per compiled flow, so they may share caches. */
interface NodeMachineParts {
  guards?: Partial<Record<NodeGuardName, NodeGuard>>;
  updates?: Partial<Record<NodeUpdateName, ContextUpdate>>;
}

export interface NodeEngine<N extends FlowNode> {
  /** The XState state of one node (its transitions refer to guards and updates by name). */
  state(b: StateBuilder, node: N): StateDef;
  /** The named guards and context updates this type's states use, if any. */
  machine?(scope: EngineScope): NodeMachineParts;
}

export type NodeOfType<T extends NodeType> = Extract<FlowNode, { type: T }>;

export type NodeEngineMap = { [T in NodeType]: NodeEngine<NodeOfType<T>> };
