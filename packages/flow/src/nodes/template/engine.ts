import type { MachineArgs, NodeEngine, NodeParams } from '../../engine/node-engine';
import type { ActionRef, ParamsFn, StateBuilder, StateDef, TransitionDef } from '../../engine/state-builder';
import type { TemplateNode } from '../../types';
import { prepareTemplateSend } from './prepare';

/**
 * Send a WhatsApp template, then `next`. With a template gate (StepOptions.templates) the gate
 * renders the values or refuses; a refused send emits `template.refused` and goes to the
 * node's `failed` exit, else to settings.templateFailure, else on by `next` with nothing sent.
 */
function templateState(b: StateBuilder, node: TemplateNode): StateDef {
  const send: ParamsFn = ({ context, event }) => {
    const prepared = prepareTemplateSend(b.flow, node, context, event.turn);
    return { nodeId: node.id, messages: prepared.ok ? [prepared.message] : [], errors: prepared.errors };
  };
  const refuse: ParamsFn = ({ context, event }) => {
    const prepared = prepareTemplateSend(b.flow, node, context, event.turn);
    // Only reached behind the templateRefused guard, so `prepared` is a refusal.
    const { reason, detail } = prepared.ok ? { reason: 'invalid_parameter' as const, detail: '' } : prepared;
    return { nodeId: node.id, name: node.name, language: node.language, reason, detail, errors: prepared.errors };
  };
  const refused: ActionRef = { type: 'refuseTemplate', params: refuse };
  const guard = { type: 'templateRefused' as const, params: { nodeId: node.id } };
  return {
    entry: [b.visit(node)],
    on: { next: [failurePath(b, node, refused, guard), b.exit(node, 'next', [{ type: 'send', params: send }])] },
  };
}

function failurePath(b: StateBuilder, node: TemplateNode, refused: ActionRef, guard: TransitionDef['guard']): TransitionDef {
  if (b.hasExit(node, 'failed')) return b.exit(node, 'failed', [refused], guard);
  const fallback = b.flow.settings?.templateFailure;
  if (fallback === undefined) return b.exit(node, 'next', [refused], guard);
  return {
    guard,
    target: b.settingTarget(fallback, '/settings/templateFailure', 'settings.templateFailure'),
    reenter: true,
    actions: [refused, { type: 'exitNode', params: { nodeId: node.id, exit: 'failed' } }],
  };
}

export const templateEngine: NodeEngine<TemplateNode> = {
  state: templateState,
  machine: ({ flow, node }) => ({
    guards: {
      templateRefused: ({ context, event }: MachineArgs, { nodeId }: NodeParams) =>
        !prepareTemplateSend(flow, node<TemplateNode>(nodeId), context, event.turn).ok,
    },
  }),
};
