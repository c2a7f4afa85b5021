import type { SetNode } from '../../types';
import { evaluateSet } from '../setup';
import type { ParamsFn, StateBuilder, StateDef } from './builder';

/** Assign variables in order; each value is a template (a lone `{{ expr }}` keeps its type). */
export function setState(b: StateBuilder, node: SetNode): StateDef {
  // Evaluation errors are reported (as an expression.error effect) without stopping the flow.
  const warn: ParamsFn = ({ context, event }) => ({ nodeId: node.id, errors: evaluateSet(b.flow, node, context, event.turn).errors });
  return {
    entry: [b.visit(node)],
    on: { next: [b.exit(node, 'next', [{ type: 'warn', params: warn }, { type: 'assignSet', params: { nodeId: node.id } }])] },
  };
}
