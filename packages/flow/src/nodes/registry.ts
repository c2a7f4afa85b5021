/**
 * Every node type's definition, keyed by type. Adding a node type means adding
 * its schema fragment, its module here, and its fixtures; registry.test.ts fails
 * when one of them is missing.
 */
import type { FlowNode, NodeType } from '../types';
import { askNode } from './ask/definition';
import { endNode } from './end/definition';
import { handoffNode } from './handoff/definition';
import { httpNode } from './http/definition';
import { llmNode } from './llm/definition';
import { messageNode } from './message/definition';
import { routeNode } from './route/definition';
import { setNode } from './set/definition';
import { splitNode } from './split/definition';
import { subflowNode } from './subflow/definition';
import type { NodeDefinition, NodeDefinitionMap } from './types';
import { templateNode } from './template/definition';
import { waitNode } from './wait/definition';

export const nodeDefinitions: NodeDefinitionMap = {
  message: messageNode,
  ask: askNode,
  route: routeNode,
  split: splitNode,
  set: setNode,
  http: httpNode,
  template: templateNode,
  handoff: handoffNode,
  subflow: subflowNode,
  wait: waitNode,
  llm: llmNode,
  end: endNode,
};

export const NODE_TYPES = Object.keys(nodeDefinitions) as NodeType[];

export function isNodeType(type: unknown): type is NodeType {
  return typeof type === 'string' && Object.hasOwn(nodeDefinitions, type);
}

/** The definition for a node, typed for the general FlowNode. */
export function nodeDefinition<N extends FlowNode>(node: N): NodeDefinition<N>;
export function nodeDefinition(type: NodeType): NodeDefinition;
export function nodeDefinition(nodeOrType: FlowNode | NodeType): NodeDefinition {
  const type = typeof nodeOrType === 'string' ? nodeOrType : nodeOrType.type;
  return nodeDefinitions[type];
}

/** The exit names a node can take (e.g. message with buttons: button ids + other + timeout). */
export function nodeExits(node: FlowNode): string[] {
  return nodeDefinition(node).exits(node);
}

/** Whether reaching the node suspends the step (user reply, timer or external result). */
export function nodeWaits(node: FlowNode): boolean {
  return nodeDefinition(node).waits(node);
}
