import { matchChoice, offeredChoices } from '../../engine/answers';
import type { Turn } from '../../engine/machine-types';
import type { MachineArgs, NodeEngine, NodeParams } from '../../engine/node-engine';
import { messageNodeOutbound } from '../../engine/outbound';
import { withOutsideWindow } from '../../engine/outside-window';
import type { StateBuilder, StateDef, TransitionDef } from '../../engine/state-builder';
import { withVars } from '../../engine/values';
import type { MessageNode } from '../../types';

/**
 * Plain message: send, then `next`. With buttons or a list: send the choices and wait; a tap,
 * the NLU's choice match or a typed title/synonym/number takes that choice's exit. Anything
 * else takes `other` when it is wired (null ends the branch) and otherwise re-sends the choices.
 */
function messageState(b: StateBuilder, node: MessageNode): StateDef {
  const send = b.send(
    node,
    (context, turn) => withOutsideWindow(messageNodeOutbound(b.flow, node, context, turn), b.flow, node, context, turn),
    {
      quietable: true,
    },
  );
  if (!node.buttons?.length && !node.list) {
    return { entry: [b.visit(node), send], on: { next: [b.exit(node, 'next')] } };
  }
  const timers = b.userWaitTimers(node, node.timeout);
  const choices = offeredChoices(node, b.defaultLanguage, b.defaultLanguage);
  const picks: TransitionDef[] = choices.map((choice) =>
    b.exit(node, choice.id, [{ type: 'saveChoice', params: { nodeId: node.id } }], {
      type: 'isChoice',
      params: { nodeId: node.id, choiceId: choice.id },
    }),
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

export const messageEngine: NodeEngine<MessageNode> = {
  state: messageState,
  machine: ({ node, defaultLanguage }) => {
    const chosen = (nodeId: string, turn: Turn) =>
      matchChoice(offeredChoices(node<MessageNode>(nodeId), turn.language, defaultLanguage), turn);
    return {
      guards: {
        isChoice: ({ event }: MachineArgs, { nodeId, choiceId }: NodeParams & { choiceId: string }) =>
          chosen(nodeId, event.turn) === choiceId,
      },
      updates: {
        saveChoice: ({ context, event }: MachineArgs, { nodeId }: NodeParams) => {
          const saveAs = node<MessageNode>(nodeId).saveAs;
          return {
            vars: saveAs ? withVars(context, { [saveAs]: chosen(nodeId, event.turn) }) : context.vars,
            retries: 0,
            nudged: null,
            quiet: null,
          };
        },
      },
    };
  },
};
