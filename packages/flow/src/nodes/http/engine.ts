import { evaluate } from '../../expr';
import { render } from '../../engine/localize';
import type { MachineArgs, NodeEngine, NodeParams } from '../../engine/node-engine';
import type { ParamsFn, StateBuilder, StateDef } from '../../engine/state-builder';
import { coerce, withVars } from '../../engine/values';
import type { HttpNode } from '../../types';

const DEFAULT_HTTP_TIMEOUT_MS = 10_000;

/**
 * Emit the request (url, headers and body are templates) and wait for its result. The `map`
 * (paths over status, body, headers, error) is applied on both exits: a 2xx `http.done` →
 * `success`; any other status or `http.failed` (status 0, `error` the reason) → `failure`, so a
 * flow can tell a 404 from a 500 from no answer. Results for other request ids are stale.
 */
function httpState(b: StateBuilder, node: HttpNode): StateDef {
  const request: ParamsFn = ({ context, event }) => {
    const errors: Array<{ message: string; pos: number }> = [];
    const text = (source: string) => {
      const rendered = render(source, context, event.turn, b.flow.id);
      errors.push(...rendered.errors);
      return rendered.text;
    };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(node.headers ?? {})) headers[name] = text(value);
    return {
      nodeId: node.id,
      requestId: context.pending ?? `${node.id}#0`,
      request: {
        method: node.method,
        url: text(node.url),
        headers,
        ...(node.body !== undefined ? { body: text(node.body) } : {}),
        timeoutMs: node.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS,
        retries: node.retries ?? 0,
      },
      errors,
    };
  };
  return {
    entry: [b.visit(node), { type: 'newRequest', params: { nodeId: node.id } }, { type: 'http', params: request }],
    on: {
      http: [
        b.exit(node, 'success', [{ type: 'mapHttp', params: { nodeId: node.id } }], { type: 'httpOk' }),
        b.exit(node, 'failure', [{ type: 'mapHttp', params: { nodeId: node.id } }], { type: 'isPending' }),
      ],
    },
  };
}

export const httpEngine: NodeEngine<HttpNode> = {
  state: httpState,
  machine: ({ node, declared }) => ({
    guards: {
      httpOk: ({ context, event }: MachineArgs) =>
        event.type === 'http' && event.requestId === context.pending && event.ok && event.status >= 200 && event.status < 300,
    },
    updates: {
      mapHttp: ({ context, event }: MachineArgs, { nodeId }: NodeParams) => {
        if (event.type !== 'http') return {};
        const response = { status: event.status, body: event.body, headers: event.headers, error: event.ok ? null : (event.error ?? null) };
        const updates: Record<string, unknown> = {};
        for (const [variable, path] of Object.entries(node<HttpNode>(nodeId).map ?? {})) {
          updates[variable] = coerce(evaluate(path, response).value, declared(variable));
        }
        return { vars: withVars(context, updates), pending: null };
      },
    },
  }),
};
