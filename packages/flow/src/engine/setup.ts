/**
 * The machine's named guards and context-updating actions, supplied through XState's
 * `setup()`: the flow-wide ones (interrupts, timers, pending requests, retries, resume points,
 * the transition cap) are here; each node type's own come from its `nodes/<type>/engine.ts`
 * through the engine registry. Guards read the turn carried by the event; assign actions are
 * pure updates of the frame context. Effect actions are declared as no-ops: they are never executed,
 * the step driver reads them from `transition()`'s result (see effect-actions.ts).
 */
import { assign, setup } from 'xstate';
import { nodeEngines } from '../nodes/engine-registry';
import type { Flow, FlowNode } from '../types';
import { EFFECT_ACTION_TYPES } from './effect-actions';
import type { MachineContext, MachineEvent, MachineInput } from './machine-types';
import type { ContextUpdate, EngineScope, MachineArgs, NodeGuard, NodeParams } from './node-engine';

type Args = MachineArgs;

const MAX_RESUME_DEPTH = 8;

/** Every node type's guards and context updates for this flow's machine; a name used twice is a bug. */
function nodeMachineParts(scope: EngineScope) {
  const guards: Record<string, NodeGuard> = {};
  const updates: Record<string, ContextUpdate> = {};
  for (const engine of Object.values(nodeEngines)) {
    const parts = engine.machine?.(scope);
    for (const [name, guard] of Object.entries(parts?.guards ?? {})) {
      if (Object.hasOwn(guards, name)) throw new Error(`guard '${name}' is defined by two node types`);
      guards[name] = guard;
    }
    for (const [name, update] of Object.entries(parts?.updates ?? {})) {
      if (Object.hasOwn(updates, name)) throw new Error(`action '${name}' is defined by two node types`);
      updates[name] = update;
    }
  }
  return { guards, updates };
}

export function createEngineSetup(flow: Flow, nodeById: ReadonlyMap<string, FlowNode>) {
  const scope: EngineScope = {
    flow,
    defaultLanguage: flow.languages[0] ?? 'en',
    // Ids come from the node's own states, so the node has the type its engine asks for.
    node: <N extends FlowNode>(id: string) => nodeById.get(id) as N,
    declared: (name) => (flow.variables && Object.hasOwn(flow.variables, name) ? flow.variables[name] : undefined),
  };
  const parts = nodeMachineParts(scope);
  const nodeUpdates = Object.fromEntries(Object.entries(parts.updates).map(([name, update]) => [name, assign(update)]));

  const noop = () => {};
  const effectActions = Object.fromEntries(EFFECT_ACTION_TYPES.map((type) => [type, noop])) as Record<
    (typeof EFFECT_ACTION_TYPES)[number],
    () => void
  >;

  return setup({
    types: {} as { context: MachineContext; events: MachineEvent; input: MachineInput },
    actions: {
      ...effectActions,
      ...nodeUpdates,
      countRetry: assign(({ context }: Args) => ({ retries: context.retries + 1 })),
      // Leaving a wait by its own exits (or an interrupt) resets its retry, nudge and quiet-return state.
      leaveWait: assign(() => ({ retries: 0, nudged: null, quiet: null })),
      newRequest: assign(({ event }: Args, { nodeId }: NodeParams) => ({ pending: `${nodeId}@${event.turn.sprint}` })),
      clearPending: assign(() => ({ pending: null })),
      // Repeating an interrupt at its own wait does not stack it again, and the stack is bounded
      // so the snapshot stays small whatever the user does.
      pushResume: assign(({ context }: Args, params: { node: string; reprompt: boolean }) => {
        const top = context.resume[context.resume.length - 1];
        if (top?.node === params.node)
          return { resume: [...context.resume.slice(0, -1), { node: params.node, reprompt: params.reprompt }] };
        return { resume: [...context.resume, { node: params.node, reprompt: params.reprompt }].slice(-MAX_RESUME_DEPTH) };
      }),
      // An interrupt without resume abandons where the user was, including earlier return points.
      clearResume: assign(() => ({ resume: [] })),
      popResume: assign(({ context }: Args) => {
        const top = context.resume[context.resume.length - 1];
        return { resume: context.resume.slice(0, -1), quiet: top && !top.reprompt ? top.node : null };
      }),
      markNudged: assign((_: Args, { nodeId }: NodeParams) => ({ nudged: nodeId })),
    },
    guards: {
      ...parts.guards,
      isInterrupt: ({ event }: Args, { intent }: { intent: string }) => event.turn.understanding?.intent === intent,
      timerIs: ({ event }: Args, { kind }: { kind: string }) => event.type === 'timer' && event.kind === kind,
      softDue: ({ context, event }: Args, { nodeId }: NodeParams) =>
        event.type === 'timer' && event.kind === 'soft_timeout' && context.nudged !== nodeId,
      isPending: ({ context, event }: Args) => (event.type === 'http' || event.type === 'llm') && event.requestId === context.pending,
      resumeTo: ({ context }: Args, { nodeId }: NodeParams) => context.resume[context.resume.length - 1]?.node === nodeId,
      isChild: ({ context }: Args) => context.child,
      // Deliberately stateful (the one guard that is): it is evaluated exactly once per eventless
      // hop, as the first eventless transition of every state that does not wait, and counts the
      // hop against the step's budget. Past the cap it records where and sends the chain to __cap.
      transitionCap: ({ event }: Args, { nodeId }: NodeParams) => {
        const budget = event.turn.budget;
        if (++budget.used <= budget.max) return false;
        budget.at = nodeId;
        return true;
      },
    },
  });
}
