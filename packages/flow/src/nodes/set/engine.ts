import type { MachineContext, Turn } from '../../engine/machine-types';
import type { MachineArgs, NodeEngine, NodeParams } from '../../engine/node-engine';
import type { ParamsFn, StateBuilder, StateDef } from '../../engine/state-builder';
import { coerce, valueOf } from '../../engine/values';
import type { Flow, SetNode } from '../../types';

/**
 * A set node's assignments, in order (a later one sees the earlier ones). Memoized per
 * context and turn: the warning action and the assign action of one transition share it.
 */
const setResults = new WeakMap<
  MachineContext,
  {
    turn: Turn;
    node: SetNode;
    vars: Record<string, unknown>;
    /** `contact.<field>` targets: saved to the contact by the host (a `contact.update` effect), not kept as variables. */
    contact: Record<string, unknown>;
    errors: Array<{ message: string; pos: number }>;
  }
>();

const CONTACT_TARGET = 'contact.';

function evaluateSet(flow: Flow, node: SetNode, context: MachineContext, turn: Turn) {
  const cached = setResults.get(context);
  if (cached && cached.turn === turn && cached.node === node) return cached;
  const errors: Array<{ message: string; pos: number }> = [];
  let current = context;
  const contact: Record<string, unknown> = {};
  for (const { variable, value } of node.assign) {
    const result = valueOf(value, current, turn, flow.id);
    if (result.error) errors.push({ message: `${variable}: ${result.error}`, pos: 0 });
    if (variable.startsWith(CONTACT_TARGET)) {
      // A failed expression saves nothing: it must not blank what the contact already has.
      if (!result.error) contact[variable.slice(CONTACT_TARGET.length)] = result.value;
      continue;
    }
    const decl = flow.variables && Object.hasOwn(flow.variables, variable) ? flow.variables[variable] : undefined;
    current = { ...current, vars: { ...current.vars, [variable]: coerce(result.value, decl) } };
  }
  const computed = { turn, node, vars: current.vars, contact, errors };
  setResults.set(context, computed);
  return computed;
}

/** Assign variables in order; each value is a template (a lone `{{ expr }}` keeps its type). */
function setState(b: StateBuilder, node: SetNode): StateDef {
  // Evaluation errors are reported (as an expression.error effect) without stopping the flow.
  const warn: ParamsFn = ({ context, event }) => ({ nodeId: node.id, errors: evaluateSet(b.flow, node, context, event.turn).errors });
  const save: ParamsFn = ({ context, event }) => ({ nodeId: node.id, fields: evaluateSet(b.flow, node, context, event.turn).contact });
  const savesContact = node.assign.some((a) => a.variable.startsWith(CONTACT_TARGET));
  return {
    entry: [b.visit(node)],
    on: {
      next: [
        b.exit(node, 'next', [
          { type: 'warn', params: warn },
          ...(savesContact ? [{ type: 'saveContact' as const, params: save }] : []),
          { type: 'assignSet', params: { nodeId: node.id } },
        ]),
      ],
    },
  };
}

export const setEngine: NodeEngine<SetNode> = {
  state: setState,
  machine: ({ flow, node }) => ({
    updates: {
      assignSet: ({ context, event }: MachineArgs, { nodeId }: NodeParams) => ({
        vars: evaluateSet(flow, node<SetNode>(nodeId), context, event.turn).vars,
      }),
    },
  }),
};
