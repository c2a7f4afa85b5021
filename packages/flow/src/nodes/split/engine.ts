import type { MachineContext, Turn } from '../../engine/machine-types';
import type { MachineArgs, NodeEngine, NodeParams } from '../../engine/node-engine';
import { CompileError, type StateBuilder, type StateDef } from '../../engine/state-builder';
import type { SplitBranch, SplitNode } from '../../types';
import { SPLIT_VARIABLE } from './definition';
import { branchAt, splitPosition } from './pick';

type BranchParams = NodeParams & { branchId: string };

/** The choices recorded so far in this frame (`split.<node id>` = branch id). */
function recorded(context: MachineContext): Record<string, unknown> {
  const value = context.vars[SPLIT_VARIABLE];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * The branch this contact takes. A choice already recorded for the node (an earlier visit, or
 * `split` given as an event parameter) stands while it names a branch that is still on; otherwise
 * the contact's hashed position decides. A session without a contact hashes the empty id.
 */
function chosenBranch(flowId: string, node: SplitNode, context: MachineContext, turn: Turn): SplitBranch | undefined {
  const earlier = recorded(context)[node.id];
  const kept = node.branches.find((b) => b.id === earlier && b.weight > 0);
  return kept ?? branchAt(node.branches, splitPosition(flowId, node.id, turn.contact?.id ?? ''));
}

/** Eventless like route: every branch but the last is guarded by the choice; the last one takes the rest. */
function splitState(b: StateBuilder, node: SplitNode): StateDef {
  // The schema asks for two; without any the state could never be left.
  if (!Array.isArray(node.branches) || node.branches.length === 0)
    throw new CompileError(`split node '${node.id}' has no branches`, node.id, `${b.pathOf(node.id)}/branches`);
  const transitions = node.branches.map((branch, index) => {
    const params: BranchParams = { nodeId: node.id, branchId: branch.id };
    const record = [{ type: 'recordSplit' as const, params }];
    const last = index === node.branches.length - 1;
    return b.exit(node, branch.id, record, last ? undefined : { type: 'splitBranch', params });
  });
  return { entry: [b.visit(node)], on: { next: transitions } };
}

export const splitEngine: NodeEngine<SplitNode> = {
  state: splitState,
  machine: ({ flow, node }) => ({
    guards: {
      splitBranch: ({ context, event }: MachineArgs, { nodeId, branchId }: BranchParams) =>
        chosenBranch(flow.id, node<SplitNode>(nodeId), context, event.turn)?.id === branchId,
    },
    updates: {
      recordSplit: ({ context }: MachineArgs, { nodeId, branchId }: BranchParams) => ({
        vars: { ...context.vars, [SPLIT_VARIABLE]: { ...recorded(context), [nodeId]: branchId } },
      }),
    },
  }),
};
