import { checkAnswer } from '../../engine/answers';
import type { MachineArgs, NodeEngine, NodeParams } from '../../engine/node-engine';
import { askOutbound } from '../../engine/outbound';
import { withOutsideWindow } from '../../engine/outside-window';
import { defaultRetryMessage } from './retry-messages';
import type { StateBuilder, StateDef } from '../../engine/state-builder';
import { withVars } from '../../engine/values';
import type { AskNode } from '../../types';

const DEFAULT_MAX_RETRIES = 2;

/**
 * Ask: send the prompt and wait. A valid answer (by `expect`, then the optional extra test)
 * is stored in `saveAs` → `next`. Otherwise re-ask with the retry prompt (or the test's
 * message, or a default that says what kind of answer is wanted) up to maxRetries times,
 * then `invalid`. Timeout → `timeout`.
 */
function askState(b: StateBuilder, node: AskNode): StateDef {
  const timers = b.userWaitTimers(node, node.timeout);
  const retry = b.send(node, (context, turn) => {
    const check = checkAnswer(node, context, turn, b.defaultLanguage);
    const prompt =
      check.failedExtraTest && node.validate?.message
        ? node.validate.message
        : (node.retryPrompt ?? defaultRetryMessage(node.expect, !!check.failedExtraTest));
    return askOutbound(b.flow, node, context, turn, prompt);
  });
  return {
    entry: [
      b.visit(node),
      b.send(
        node,
        (context, turn) => withOutsideWindow(askOutbound(b.flow, node, context, turn, node.prompt), b.flow, node, context, turn),
        { quietable: true },
      ),
      ...timers.entry,
    ],
    exit: timers.exit,
    on: {
      message: [
        ...b.interrupts(node),
        b.exit(node, 'next', [{ type: 'saveAnswer', params: { nodeId: node.id } }], { type: 'answerValid', params: { nodeId: node.id } }),
        {
          guard: { type: 'canRetry', params: { nodeId: node.id } },
          // A reply, even a wrong one, restarts the silence timers.
          actions: [{ type: 'countRetry' }, b.analytics('misunderstood', node.id), retry, ...timers.entry],
        },
        b.exit(node, 'invalid', [{ type: 'leaveWait' }, b.analytics('misunderstood', node.id)]),
      ],
      timer: timers.on,
    },
  };
}

export const askEngine: NodeEngine<AskNode> = {
  state: askState,
  machine: ({ node, defaultLanguage }) => ({
    guards: {
      answerValid: ({ context, event }: MachineArgs, { nodeId }: NodeParams) =>
        checkAnswer(node<AskNode>(nodeId), context, event.turn, defaultLanguage).ok,
      canRetry: ({ context }: MachineArgs, { nodeId }: NodeParams) =>
        context.retries < (node<AskNode>(nodeId).maxRetries ?? DEFAULT_MAX_RETRIES),
    },
    updates: {
      saveAnswer: ({ context, event }: MachineArgs, { nodeId }: NodeParams) => {
        const ask = node<AskNode>(nodeId);
        const answer = checkAnswer(ask, context, event.turn, defaultLanguage);
        return { vars: withVars(context, { [ask.saveAs]: answer.value }), retries: 0, nudged: null, quiet: null };
      },
    },
  }),
};
