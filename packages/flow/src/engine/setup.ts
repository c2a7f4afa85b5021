/**
 * The machine's named guards and context-updating actions, supplied through XState's
 * `setup()`. Guards read the turn carried by the event; assign actions are pure updates
 * of the frame context. Effect actions are declared as no-ops: they are never executed,
 * the step driver reads them from `transition()`'s result (see effect-actions.ts).
 */
import { assign, setup } from 'xstate';
import { evaluate, parseTemplate } from '../expr';
import { runOperator, type OperatorContext } from '../operators';
import type { AskNode, Flow, FlowNode, HttpNode, LlmNode, MessageNode, RouteNode, SetNode, SubflowNode, VariableDecl } from '../types';
import { checkAnswer, matchChoice, offeredChoices } from './answers';
import { EFFECT_ACTION_TYPES } from './effect-actions';
import { evalOptions, factsOf, render, renderLocalized, scopeOf } from './localize';
import type { MachineContext, MachineEvent, MachineInput, Turn } from './machine-types';
import { emptyContext } from './machine-types';

type Args = { context: MachineContext; event: MachineEvent };
type NodeParams = { nodeId: string };

export const DEFAULT_MAX_RETRIES = 2;
export const MAX_RESUME_DEPTH = 8;

/** A set/http/llm value keeps its type when it is a single `{{ expression }}`; text otherwise. */
export function valueOf(template: string, context: MachineContext, turn: Turn, flowId: string): { value: unknown; error?: string } {
  const parsed = parseTemplate(template);
  const exprs = parsed.parts.filter((part) => part.kind === 'expr');
  const onlyExpr = exprs.length === 1 && parsed.errors.length === 0 && parsed.parts.every((part) => part.kind === 'expr' || !part.text.trim());
  if (onlyExpr && exprs[0]!.kind === 'expr' && exprs[0]!.ast) {
    const result = evaluate(exprs[0]!.ast, factsOf(context, turn, flowId), evalOptions(context, turn));
    return result.error ? { value: null, error: result.error.message } : { value: result.value };
  }
  const rendered = render(template, context, turn, flowId);
  return rendered.errors.length ? { value: rendered.text, error: rendered.errors[0]!.message } : { value: rendered.text };
}

/**
 * A set node's assignments, in order (a later one sees the earlier ones). Memoized per
 * context and turn: the warning action and the assign action of one transition share it.
 */
const setResults = new WeakMap<MachineContext, { turn: Turn; node: SetNode; vars: Record<string, unknown>; errors: Array<{ message: string; pos: number }> }>();

export function evaluateSet(flow: Flow, node: SetNode, context: MachineContext, turn: Turn) {
  const cached = setResults.get(context);
  if (cached && cached.turn === turn && cached.node === node) return cached;
  const errors: Array<{ message: string; pos: number }> = [];
  let current = context;
  for (const { variable, value } of node.assign) {
    const result = valueOf(value, current, turn, flow.id);
    if (result.error) errors.push({ message: `${variable}: ${result.error}`, pos: 0 });
    const decl = flow.variables && Object.hasOwn(flow.variables, variable) ? flow.variables[variable] : undefined;
    current = { ...current, vars: { ...current.vars, [variable]: coerce(result.value, decl) } };
  }
  const computed = { turn, node, vars: current.vars, errors };
  setResults.set(context, computed);
  return computed;
}

/** Coerces a text value to the variable's declared type ("42" → 42 for a number variable). */
export function coerce(value: unknown, decl: VariableDecl | undefined): unknown {
  if (!decl || typeof value !== 'string') return value;
  if (decl.type === 'number') {
    const n = value.trim() === '' ? NaN : Number(value);
    return Number.isFinite(n) ? n : value;
  }
  if (decl.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

function withVars(context: MachineContext, updates: Record<string, unknown>): Record<string, unknown> {
  return { ...context.vars, ...updates };
}

export function createEngineSetup(flow: Flow, nodeById: ReadonlyMap<string, FlowNode>) {
  const defaultLanguage = flow.languages[0] ?? 'en';
  const node = <N extends FlowNode>(id: string) => nodeById.get(id) as N;
  const declared = (name: string) => (flow.variables && Object.hasOwn(flow.variables, name) ? flow.variables[name] : undefined);
  const chosen = (nodeId: string, turn: Turn) => matchChoice(offeredChoices(node(nodeId), turn.language, defaultLanguage), turn);

  /** Every case of a route tests the same operand in the same context: render it and build the operator context once. */
  const routeInputs = new WeakMap<MachineContext, { turn: Turn; nodeId: string; operand: string; ctx: OperatorContext }>();

  function routeInput(route: RouteNode, context: MachineContext, turn: Turn) {
    const cached = routeInputs.get(context);
    if (cached && cached.turn === turn && cached.nodeId === route.id) return cached;
    const operand = render(route.operand ?? '{{input.text}}', context, turn, flow.id).text;
    let variables: Record<string, unknown> | undefined;
    const ctx: OperatorContext = {
      input: turn.input,
      understanding: turn.understanding,
      // Only the expression operator reads variables: build the merged scope on demand.
      get variables() {
        return (variables ??= scopeOf(context, turn, flow.id));
      },
      language: turn.language,
      now: turn.now,
      timezone: turn.timezone,
      entities: flow.entities,
    };
    const computed = { turn, nodeId: route.id, operand, ctx };
    routeInputs.set(context, computed);
    return computed;
  }

  function routeMatch(nodeId: string, caseId: string, { context, event }: Args) {
    const route = node<RouteNode>(nodeId);
    const test = route.cases.find((c) => c.id === caseId)?.test;
    if (!test) return { match: false };
    const { operand, ctx } = routeInput(route, context, event.turn);
    return runOperator(test.op, operand, test.args ?? [], ctx);
  }

  const noop = () => {};
  const effectActions = Object.fromEntries(EFFECT_ACTION_TYPES.map((type) => [type, noop])) as Record<(typeof EFFECT_ACTION_TYPES)[number], () => void>;

  return setup({
    types: {} as { context: MachineContext; events: MachineEvent; input: MachineInput },
    actions: {
      ...effectActions,
      saveChoice: assign(({ context, event }: Args, { nodeId }: NodeParams) => {
        const saveAs = node<MessageNode>(nodeId).saveAs;
        return { vars: saveAs ? withVars(context, { [saveAs]: chosen(nodeId, event.turn) }) : context.vars, retries: 0, nudged: null, quiet: null };
      }),
      saveAnswer: assign(({ context, event }: Args, { nodeId }: NodeParams) => {
        const ask = node<AskNode>(nodeId);
        const answer = checkAnswer(ask, context, event.turn, defaultLanguage);
        return { vars: withVars(context, { [ask.saveAs]: answer.value }), retries: 0, nudged: null, quiet: null };
      }),
      countRetry: assign(({ context }: Args) => ({ retries: context.retries + 1 })),
      // Leaving a wait by its own exits (or an interrupt) resets its retry, nudge and quiet-return state.
      leaveWait: assign(() => ({ retries: 0, nudged: null, quiet: null })),
      assignSet: assign(({ context, event }: Args, { nodeId }: NodeParams) => ({ vars: evaluateSet(flow, node<SetNode>(nodeId), context, event.turn).vars })),
      newRequest: assign(({ event }: Args, { nodeId }: NodeParams) => ({ pending: `${nodeId}@${event.turn.sprint}` })),
      clearPending: assign(() => ({ pending: null })),
      mapHttp: assign(({ context, event }: Args, { nodeId }: NodeParams) => {
        if (event.type !== 'http') return {};
        const response = { status: event.status, body: event.body, headers: event.headers, error: event.ok ? null : (event.error ?? null) };
        const updates: Record<string, unknown> = {};
        for (const [variable, path] of Object.entries(node<HttpNode>(nodeId).map ?? {})) {
          updates[variable] = coerce(evaluate(path, response).value, declared(variable));
        }
        return { vars: withVars(context, updates), pending: null };
      }),
      saveLlm: assign(({ context, event }: Args, { nodeId }: NodeParams) => {
        const llm = node<LlmNode>(nodeId);
        if (!llm.saveAs || event.type !== 'llm') return { pending: null };
        const text = event.ok ? event.text : renderLocalized(llm.fallback, context, event.turn, flow.id, defaultLanguage).text;
        return { vars: withVars(context, { [llm.saveAs]: text }), pending: null };
      }),
      applyReleased: assign(({ context, event }: Args) => (event.type === 'released' ? { vars: withVars(context, event.variables) } : {})),
      applyReturns: assign(({ context, event }: Args, { nodeId }: NodeParams) => {
        if (event.type !== 'child') return {};
        const updates: Record<string, unknown> = {};
        for (const [callerVar, childVar] of Object.entries(node<SubflowNode>(nodeId).returns ?? {})) {
          updates[callerVar] = Object.hasOwn(event.variables, childVar) ? event.variables[childVar] : null;
        }
        return { vars: withVars(context, updates) };
      }),
      // Repeating an interrupt at its own wait does not stack it again, and the stack is bounded
      // so the snapshot stays small whatever the user does.
      pushResume: assign(({ context }: Args, params: { node: string; reprompt: boolean }) => {
        const top = context.resume[context.resume.length - 1];
        if (top?.node === params.node) return { resume: [...context.resume.slice(0, -1), { node: params.node, reprompt: params.reprompt }] };
        return { resume: [...context.resume, { node: params.node, reprompt: params.reprompt }].slice(-MAX_RESUME_DEPTH) };
      }),
      // An interrupt without resume abandons where the user was, including earlier return points.
      clearResume: assign(() => ({ resume: [] })),
      popResume: assign(({ context }: Args) => {
        const top = context.resume[context.resume.length - 1];
        return { resume: context.resume.slice(0, -1), quiet: top && !top.reprompt ? top.node : null };
      }),
      markNudged: assign((_: Args, { nodeId }: NodeParams) => ({ nudged: nodeId })),
      setRoute: assign((args: Args, params: { nodeId: string; caseId: string }) => {
        if (params.caseId === 'default') return { route: { case: 'default', value: null } };
        const result = routeMatch(params.nodeId, params.caseId, args);
        return { route: { case: params.caseId, value: result.value ?? null } };
      }),
    },
    guards: {
      isChoice: ({ event }: Args, { nodeId, choiceId }: { nodeId: string; choiceId: string }) => chosen(nodeId, event.turn) === choiceId,
      isInterrupt: ({ event }: Args, { intent }: { intent: string }) => event.turn.understanding?.intent === intent,
      answerValid: ({ context, event }: Args, { nodeId }: NodeParams) => checkAnswer(node<AskNode>(nodeId), context, event.turn, defaultLanguage).ok,
      canRetry: ({ context }: Args, { nodeId }: NodeParams) => context.retries < (node<AskNode>(nodeId).maxRetries ?? DEFAULT_MAX_RETRIES),
      routeCase: (args: Args, { nodeId, caseId }: { nodeId: string; caseId: string }) => routeMatch(nodeId, caseId, args).match,
      timerIs: ({ event }: Args, { kind }: { kind: string }) => event.type === 'timer' && event.kind === kind,
      softDue: ({ context, event }: Args, { nodeId }: NodeParams) => event.type === 'timer' && event.kind === 'soft_timeout' && context.nudged !== nodeId,
      isPending: ({ context, event }: Args) => (event.type === 'http' || event.type === 'llm') && event.requestId === context.pending,
      httpOk: ({ context, event }: Args) => event.type === 'http' && event.requestId === context.pending && event.ok && event.status >= 200 && event.status < 300,
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

export type EngineSetup = ReturnType<typeof createEngineSetup>;
export { emptyContext };
