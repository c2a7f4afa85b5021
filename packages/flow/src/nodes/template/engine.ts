import type { MachineArgs, NodeEngine, NodeParams } from '../../engine/node-engine';
import { CAP, targetOf, type MachineContext } from '../../engine/machine-types';
import type { ActionRef, ParamsFn, StateBuilder, StateDef, TransitionDef } from '../../engine/state-builder';
import type { TemplateNode } from '../../types';
import { payloadExits, templateWaits } from './payload-exits';
import { prepareTemplateSend, preparedThisTurn } from './prepare';

/**
 * Send a WhatsApp template, then `next`. With a template gate (StepOptions.templates) the gate
 * renders the values or refuses; a refused send emits `template.refused` and goes to the
 * node's `failed` exit, else to settings.templateFailure, else on by `next` with nothing sent.
 *
 * With quick-reply payload exits the node waits after sending (see waitingState).
 */
function templateState(b: StateBuilder, node: TemplateNode): StateDef {
  if (templateWaits(node)) return waitingState(b, node);
  const send: ParamsFn = ({ context, event }) => {
    const prepared = prepareTemplateSend(b.flow, node, context, event.turn);
    return { nodeId: node.id, messages: prepared.ok ? [prepared.message] : [], errors: prepared.errors };
  };
  const guard = { type: 'templateRefused' as const, params: { nodeId: node.id } };
  return {
    entry: [b.visit(node)],
    on: { next: [failurePath(b, node, refuseAction(b, node), guard), b.exit(node, 'next', [{ type: 'send', params: send }])] },
  };
}

function refuseAction(b: StateBuilder, node: TemplateNode): ActionRef {
  const refuse: ParamsFn = ({ context, event }) => {
    const prepared = prepareTemplateSend(b.flow, node, context, event.turn);
    // Only reached behind a refused guard, so `prepared` is a refusal.
    const { reason, detail } = prepared.ok ? { reason: 'invalid_parameter' as const, detail: '' } : prepared;
    return { nodeId: node.id, name: node.name, language: node.language, reason, detail, errors: prepared.errors };
  };
  return { type: 'refuseTemplate', params: refuse };
}

/**
 * A template with quick-reply payload exits: sent on entry, then it waits like a message with
 * buttons. A reply whose button payload or text (trimmed, any case) is a payload exit's key takes
 * that exit; interrupts come first, as at every wait; anything else takes `other`, else `next`
 * when it leads somewhere, else the node keeps waiting. `timeout` fires after the node's
 * `timeout`. A refused template never waits: an eventless transition takes the failure path at
 * once (behind the cap guard, so a failure path that loops back stops at the step's cap).
 */
function waitingState(b: StateBuilder, node: TemplateNode): StateDef {
  const nodeId = node.id;
  // Re-entered quietly (after a soft-timeout nudge) the template is not sent again.
  const refusedNow = ({ context, event }: Parameters<ParamsFn>[0]) =>
    context.quiet !== nodeId && !prepareTemplateSend(b.flow, node, context, event.turn).ok;
  const send: ParamsFn = ({ context, event }) => {
    if (context.quiet === nodeId) return { nodeId, messages: [], errors: [] };
    const prepared = prepareTemplateSend(b.flow, node, context, event.turn);
    // A refusal's expression errors are reported by the refuse action.
    return prepared.ok ? { nodeId, messages: [prepared.message], errors: prepared.errors } : { nodeId, messages: [], errors: [] };
  };
  const timers = b.userWaitTimers(node, node.timeout);
  // A refused template leaves at once: its wait timers are not started (so nothing to cancel).
  const timerEntry = timers.entry.map((action): ActionRef => {
    const params: ParamsFn = (args) => {
      const resolved = (typeof action.params === 'function' ? (action.params as ParamsFn)(args) : action.params) as { skip?: boolean };
      return { ...resolved, skip: Boolean(resolved.skip) || refusedNow(args) };
    };
    return { type: action.type, params };
  });
  const replies: TransitionDef[] = payloadExits(node).map((payload) =>
    b.exit(node, payload, [{ type: 'leaveWait' }], { type: 'isTemplateReply', params: { nodeId, payload } }),
  );
  const misunderstood = b.analytics('misunderstood', nodeId);
  const next = node.exits?.next;
  const other: TransitionDef = b.hasExit(node, 'other')
    ? b.exit(node, 'other', [{ type: 'leaveWait' }, misunderstood])
    : typeof next === 'string'
      ? b.exit(node, 'next', [{ type: 'leaveWait' }, misunderstood])
      : { actions: [misunderstood] };
  const refusedOnEntry = { type: 'templateRefusedOnEntry' as const, params: { nodeId } };
  return {
    entry: [b.visit(node), { type: 'send', params: send }, ...timerEntry],
    exit: timers.exit,
    always: [
      { guard: { type: 'transitionCap', params: { nodeId } }, target: targetOf(CAP) },
      failurePath(b, node, refuseAction(b, node), refusedOnEntry),
    ],
    on: { message: [...b.interrupts(node), ...replies, other], timer: timers.on },
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

/** The reply names `payload`: the tapped button's payload, the understood choice, or the payload typed out (trimmed, any case). */
function isReplyTo(payload: string, { event }: MachineArgs): boolean {
  const turn = event.turn;
  const input = turn.input;
  if (!input) return false;
  if (input.choiceId === payload || turn.understanding?.choice?.id === payload) return true;
  return input.text !== undefined && input.text.trim().toLowerCase() === payload.toLowerCase();
}

export const templateEngine: NodeEngine<TemplateNode> = {
  state: templateState,
  machine: ({ flow, node }) => ({
    guards: {
      templateRefused: ({ context, event }: MachineArgs, { nodeId }: NodeParams) =>
        !prepareTemplateSend(flow, node<TemplateNode>(nodeId), context, event.turn).ok,
      // Only what this turn's entry prepared: a later reply at the wait never asks the gate again.
      templateRefusedOnEntry: ({ context, event }: MachineArgs, { nodeId }: NodeParams) =>
        preparedThisTurn(flow, nodeId, context as MachineContext, event.turn)?.ok === false,
      isTemplateReply: (args: MachineArgs, { payload }: NodeParams & { payload: string }) => isReplyTo(payload, args),
    },
  }),
};
