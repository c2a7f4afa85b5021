import type { MachineArgs, NodeEngine } from '../../engine/node-engine';
import { textOutbound } from '../../engine/outbound';
import { withVars } from '../../engine/values';
import type { HandoffNode } from '../../types';

/** Optionally tell the user, hand the conversation to a human, wait for `handoff.released` → `next`. */
export const handoffEngine: NodeEngine<HandoffNode> = {
  state: (b, node) => {
    const message = node.message;
    return {
      entry: [
        b.visit(node),
        ...(message !== undefined ? [b.send(node, (context, turn) => textOutbound(b.flow, message, context, turn))] : []),
        {
          type: 'handoff',
          params: { nodeId: node.id, ...(node.queue ? { queue: node.queue } : {}), ...(node.reason ? { reason: node.reason } : {}) },
        },
      ],
      on: { released: [b.exit(node, 'next', [{ type: 'applyReleased' }])] },
    };
  },
  machine: () => ({
    updates: {
      // Variables handed back with the release (e.g. set by the agent) are applied.
      applyReleased: ({ context, event }: MachineArgs) => (event.type === 'released' ? { vars: withVars(context, event.variables) } : {}),
    },
  }),
};
