import type { MessageNode } from '../../types';
import { offeredChoices } from '../answers';
import { messageNodeOutbound } from '../outbound';
import type { StateBuilder, StateDef, TransitionDef } from './builder';

/**
 * Plain message: send, then `next`. With buttons or a list: send the choices and wait; a tap,
 * the NLU's choice match or a typed title/synonym/number takes that choice's exit. Anything
 * else takes `other` when it is wired (null ends the branch) and otherwise re-sends the choices.
 */
export function messageState(b: StateBuilder, node: MessageNode): StateDef {
  const send = b.send(node, (context, turn) => messageNodeOutbound(b.flow, node, context, turn), { quietable: true });
  if (!node.buttons?.length && !node.list) {
    return { entry: [b.visit(node), send], on: { next: [b.exit(node, 'next')] } };
  }
  const timers = b.userWaitTimers(node, node.timeout);
  const choices = offeredChoices(node, b.defaultLanguage, b.defaultLanguage);
  const picks: TransitionDef[] = choices.map((choice) =>
    b.exit(node, choice.id, [{ type: 'saveChoice', params: { nodeId: node.id } }], { type: 'isChoice', params: { nodeId: node.id, choiceId: choice.id } }),
  );
  const misunderstood = b.analytics('misunderstood', node.id);
  const other: TransitionDef = b.hasExit(node, 'other')
    ? b.exit(node, 'other', [{ type: 'leaveWait' }, misunderstood])
    : { actions: [misunderstood, b.send(node, (context, turn) => messageNodeOutbound(b.flow, node, context, turn))] };
  return {
    entry: [b.visit(node), send, ...timers.entry],
    exit: timers.exit,
    on: { message: [...b.interrupts(node), ...picks, other], timer: timers.on },
  };
}
