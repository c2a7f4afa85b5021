import type { HttpNode } from '../../types';
import { render } from '../localize';
import type { ParamsFn, StateBuilder, StateDef } from './builder';

export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;

/**
 * Emit the request (url, headers and body are templates) and wait for its result. A 2xx
 * `http.done` maps response paths (status, body.x, headers.y) into variables → `success`;
 * any other status or `http.failed` → `failure`. Results for other request ids are stale.
 */
export function httpState(b: StateBuilder, node: HttpNode): StateDef {
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
        b.exit(node, 'failure', [{ type: 'clearPending' }], { type: 'isPending' }),
      ],
    },
  };
}
