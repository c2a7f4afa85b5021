import { DONE, ENDED, targetOf } from '../../engine/machine-types';
import type { NodeEngine } from '../../engine/node-engine';
import type { EndNode } from '../../types';

/** End: in a subflow, return to the caller; in the root flow, end the session with the outcome. */
export const endEngine: NodeEngine<EndNode> = {
  state: (b, node) => ({
    entry: [b.visit(node), { type: 'end', params: { nodeId: node.id, outcome: node.outcome ?? 'completed' } }],
    on: { next: [{ guard: { type: 'isChild' }, target: targetOf(DONE) }, { target: targetOf(ENDED) }] },
  }),
};
