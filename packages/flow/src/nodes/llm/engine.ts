import { render, renderLocalized } from '../../engine/localize';
import type { MachineArgs, NodeEngine, NodeParams } from '../../engine/node-engine';
import { textOutbound } from '../../engine/outbound';
import type { ParamsFn, StateBuilder, StateDef } from '../../engine/state-builder';
import { withVars } from '../../engine/values';
import type { LlmNode } from '../../types';

/**
 * Emit an LLM request (prompt template + the listed variables as context) and wait.
 * `llm.done` saves and (unless send is false) sends the text; `llm.failed` uses the fallback.
 */
function llmState(b: StateBuilder, node: LlmNode): StateDef {
  const request: ParamsFn = ({ context, event }) => {
    const rendered = render(node.prompt, context, event.turn, b.flow.id);
    const shared: Record<string, unknown> = {};
    for (const name of node.context ?? []) shared[name] = Object.hasOwn(context.vars, name) ? context.vars[name] : null;
    return {
      nodeId: node.id,
      requestId: context.pending ?? `${node.id}#0`,
      prompt: rendered.text,
      context: shared,
      errors: rendered.errors,
    };
  };
  const replyParams: ParamsFn = ({ context, event }) => {
    if (event.type === 'llm' && event.ok) {
      const messages = node.send === false || !event.text ? [] : [{ kind: 'text', text: event.text }];
      return { nodeId: node.id, messages, errors: [] };
    }
    return { nodeId: node.id, ...textOutbound(b.flow, node.fallback, context, event.turn) };
  };
  return {
    entry: [b.visit(node), { type: 'newRequest', params: { nodeId: node.id } }, { type: 'llm', params: request }],
    on: {
      llm: [
        b.exit(
          node,
          'next',
          [
            { type: 'saveLlm', params: { nodeId: node.id } },
            { type: 'send', params: replyParams },
          ],
          { type: 'isPending' },
        ),
      ],
    },
  };
}

export const llmEngine: NodeEngine<LlmNode> = {
  state: llmState,
  machine: ({ flow, node, defaultLanguage }) => ({
    updates: {
      saveLlm: ({ context, event }: MachineArgs, { nodeId }: NodeParams) => {
        const llm = node<LlmNode>(nodeId);
        if (!llm.saveAs || event.type !== 'llm') return { pending: null };
        const text = event.ok ? event.text : renderLocalized(llm.fallback, context, event.turn, flow.id, defaultLanguage).text;
        return { vars: withVars(context, { [llm.saveAs]: text }), pending: null };
      },
    },
  }),
};
