import type { MachineArgs, NodeEngine, NodeParams } from '../../engine/node-engine';
import type { ParamsFn, StateBuilder, StateDef } from '../../engine/state-builder';
import { valueOf, withVars } from '../../engine/values';
import type { SubflowNode } from '../../types';

/**
 * Call another flow with parameters; when it finishes, copy `returns` back and continue at `next`.
 * A caller's interrupt said inside the child abandons the child; with resume the call starts over.
 */
function subflowState(b: StateBuilder, node: SubflowNode): StateDef {
  const call: ParamsFn = ({ context, event }) => {
    const params: Record<string, unknown> = {};
    const errors: Array<{ message: string; pos: number }> = [];
    for (const [name, template] of Object.entries(node.params ?? {})) {
      const result = valueOf(template, context, event.turn, b.flow.id);
      if (result.error) errors.push({ message: `${name}: ${result.error}`, pos: 0 });
      params[name] = result.value;
    }
    return { nodeId: node.id, flow: node.flow, params, errors };
  };
  return {
    entry: [b.visit(node), { type: 'callSubflow', params: call }],
    on: {
      child: [b.exit(node, 'next', [{ type: 'applyReturns', params: { nodeId: node.id } }])],
      // This flow's interrupts also work while the child waits: the driver unwinds the child and delivers the message here.
      message: b.interrupts(node),
    },
  };
}

export const subflowEngine: NodeEngine<SubflowNode> = {
  state: subflowState,
  machine: ({ node }) => ({
    updates: {
      applyReturns: ({ context, event }: MachineArgs, { nodeId }: NodeParams) => {
        if (event.type !== 'child') return {};
        const updates: Record<string, unknown> = {};
        for (const [callerVar, childVar] of Object.entries(node<SubflowNode>(nodeId).returns ?? {})) {
          updates[callerVar] = Object.hasOwn(event.variables, childVar) ? event.variables[childVar] : null;
        }
        return { vars: withVars(context, updates) };
      },
    },
  }),
};
