import type { RouteNode } from '../../types';
import type { StateBuilder, StateDef } from './builder';

/** Ordered cases over the operand (default "{{input.text}}"); the first match wins, else `default`. */
export function routeState(b: StateBuilder, node: RouteNode): StateDef {
  // Recording the match (`route.case`, `route.value`) costs a context update per route: only
  // flows whose templates can read `route` pay for it.
  const record = (caseId: string) => (b.readsRoute ? [{ type: 'setRoute', params: { nodeId: node.id, caseId } }] : []);
  const cases = node.cases.map((c) => b.exit(node, c.id, record(c.id), { type: 'routeCase', params: { nodeId: node.id, caseId: c.id } }));
  return {
    entry: [b.visit(node)],
    on: { next: [...cases, b.exit(node, 'default', record('default'))] },
  };
}
