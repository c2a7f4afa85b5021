import type { NodeEngine } from '../../engine/node-engine';
import type { WaitNode } from '../../types';

/** A delay: a `wait` timer, then `next`. Interrupts still work while waiting. */
export const waitEngine: NodeEngine<WaitNode> = {
  state: (b, node) => ({
    entry: [b.visit(node), { type: 'schedule', params: { kind: 'wait', delayMs: b.duration(node, node.duration, 'duration') } }],
    exit: [{ type: 'cancelTimer', params: { kind: 'wait' } }],
    on: {
      timer: [b.exit(node, 'next', [], { type: 'timerIs', params: { kind: 'wait' } })],
      message: b.interrupts(node),
    },
  }),
};
