/** Nodes whose state is a few lines: template, handoff, subflow, wait, end. */
import type { EndNode, HandoffNode, SubflowNode, TemplateNode, WaitNode } from '../../types';
import { DONE, ENDED, targetOf } from '../machine-types';
import { templateOutbound, textOutbound } from '../outbound';
import { valueOf } from '../setup';
import type { ParamsFn, StateBuilder, StateDef } from './builder';

/** Send a WhatsApp template with parameters rendered from variables, then `next`. */
export function templateState(b: StateBuilder, node: TemplateNode): StateDef {
  return {
    entry: [b.visit(node), b.send(node, (context, turn) => templateOutbound(b.flow, node, context, turn))],
    on: { next: [b.exit(node, 'next')] },
  };
}

/** Optionally tell the user, hand the conversation to a human, wait for `handoff.released` → `next`. */
export function handoffState(b: StateBuilder, node: HandoffNode): StateDef {
  const message = node.message;
  return {
    entry: [
      b.visit(node),
      ...(message !== undefined ? [b.send(node, (context, turn) => textOutbound(b.flow, message, context, turn))] : []),
      { type: 'handoff', params: { nodeId: node.id, ...(node.queue ? { queue: node.queue } : {}), ...(node.reason ? { reason: node.reason } : {}) } },
    ],
    on: { released: [b.exit(node, 'next', [{ type: 'applyReleased' }])] },
  };
}

/**
 * Call another flow with parameters; when it finishes, copy `returns` back and continue at `next`.
 * A caller's interrupt said inside the child abandons the child; with resume the call starts over.
 */
export function subflowState(b: StateBuilder, node: SubflowNode): StateDef {
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

/** A delay: a `wait` timer, then `next`. Interrupts still work while waiting. */
export function waitState(b: StateBuilder, node: WaitNode): StateDef {
  return {
    entry: [b.visit(node), { type: 'schedule', params: { kind: 'wait', delayMs: b.duration(node, node.duration, 'duration') } }],
    exit: [{ type: 'cancelTimer', params: { kind: 'wait' } }],
    on: {
      timer: [b.exit(node, 'next', [], { type: 'timerIs', params: { kind: 'wait' } })],
      message: b.interrupts(node),
    },
  };
}

/** End: in a subflow, return to the caller; in the root flow, end the session with the outcome. */
export function endState(b: StateBuilder, node: EndNode): StateDef {
  return {
    entry: [b.visit(node), { type: 'end', params: { nodeId: node.id, outcome: node.outcome ?? 'completed' } }],
    on: { next: [{ guard: { type: 'isChild' }, target: targetOf(DONE) }, { target: targetOf(ENDED) }] },
  };
}
