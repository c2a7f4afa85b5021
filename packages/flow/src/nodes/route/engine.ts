import { render, scopeOf } from '../../engine/localize';
import type { MachineContext, Turn } from '../../engine/machine-types';
import type { MachineArgs, NodeEngine, NodeParams } from '../../engine/node-engine';
import type { ActionRef, StateBuilder, StateDef } from '../../engine/state-builder';
import { runOperator, type OperatorContext } from '../../operators';
import type { RouteNode } from '../../types';

/** Ordered cases over the operand (default "{{input.text}}"); the first match wins, else `default`. */
function routeState(b: StateBuilder, node: RouteNode): StateDef {
  // Recording the match (`route.case`, `route.value`) costs a context update per route: only
  // flows whose templates can read `route` pay for it.
  const record = (caseId: string): ActionRef[] => (b.readsRoute ? [{ type: 'setRoute', params: { nodeId: node.id, caseId } }] : []);
  const cases = node.cases.map((c) => b.exit(node, c.id, record(c.id), { type: 'routeCase', params: { nodeId: node.id, caseId: c.id } }));
  return {
    entry: [b.visit(node)],
    on: { next: [...cases, b.exit(node, 'default', record('default'))] },
  };
}

type CaseParams = NodeParams & { caseId: string };

export const routeEngine: NodeEngine<RouteNode> = {
  state: routeState,
  machine: ({ flow, node }) => {
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

    function routeMatch(nodeId: string, caseId: string, { context, event }: MachineArgs) {
      const route = node<RouteNode>(nodeId);
      const test = route.cases.find((c) => c.id === caseId)?.test;
      if (!test) return { match: false };
      const { operand, ctx } = routeInput(route, context, event.turn);
      return runOperator(test.op, operand, test.args ?? [], ctx);
    }

    return {
      guards: {
        routeCase: (args: MachineArgs, { nodeId, caseId }: CaseParams) => routeMatch(nodeId, caseId, args).match,
      },
      updates: {
        setRoute: (args: MachineArgs, params: CaseParams) => {
          if (params.caseId === 'default') return { route: { case: 'default', value: null } };
          const result = routeMatch(params.nodeId, params.caseId, args);
          return { route: { case: params.caseId, value: result.value ?? null } };
        },
      },
    };
  },
};
