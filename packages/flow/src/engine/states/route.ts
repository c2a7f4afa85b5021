import type { RouteNode } from '../../types';
import type { StateBuilder, StateDef } from './builder';

/** Ordered cases over the operand (default "{{input.text}}"); the first match wins, else `default`. */
export function routeState(b: StateBuilder, node: RouteNode): StateDef {
  const cases = node.cases.map((c) =>
    b.exit(node, c.id, [{ type: 'setRoute', params: { nodeId: node.id, caseId: c.id } }], { type: 'routeCase', params: { nodeId: node.id, caseId: c.id } }),
  );
  return {
    entry: [b.visit(node)],
    on: { next: [...cases, b.exit(node, 'default', [{ type: 'setRoute', params: { nodeId: node.id, caseId: 'default' } }])] },
  };
}
