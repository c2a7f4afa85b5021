import type { SetNode } from '../../types';
import { coerce, valueOf } from '../setup';
import type { MachineContext } from '../machine-types';
import type { ParamsFn, StateBuilder, StateDef } from './builder';

/** Assign variables in order; each value is a template (a lone `{{ expr }}` keeps its type). */
export function setState(b: StateBuilder, node: SetNode): StateDef {
  // Evaluation errors are reported (as a warning effect) without stopping the flow.
  const warn: ParamsFn = ({ context, event }) => {
    const errors: Array<{ message: string; pos: number }> = [];
    let current: MachineContext = context;
    for (const { variable, value } of node.assign) {
      const result = valueOf(value, current, event.turn, b.flow.id);
      if (result.error) errors.push({ message: `${variable}: ${result.error}`, pos: 0 });
      current = { ...current, vars: { ...current.vars, [variable]: coerce(result.value, b.flow.variables?.[variable]) } };
    }
    return { nodeId: node.id, errors };
  };
  return {
    entry: [b.visit(node)],
    on: { next: [b.exit(node, 'next', [{ type: 'warn', params: warn }, { type: 'assignSet', params: { nodeId: node.id } }])] },
  };
}
