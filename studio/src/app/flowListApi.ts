/**
 * The flow list's actions on the runtime (docs/admin-api.md "Flow list"), with
 * the runtime's refusals turned into sentences for a marketer.
 */
import { ApiError, type ApiClient } from '../api/client';

const enc = encodeURIComponent;

export const flowActions = (api: ApiClient) => ({
  duplicate: (id: string, newId: string, name: string) =>
    api.request<{ id: string; revision: string }>('POST', `/flows/${enc(id)}/duplicate`, { id: newId, name }),
  rename: (id: string, name: string) => api.request<{ id: string; name: string }>('POST', `/flows/${enc(id)}/rename`, { name }),
  unpublish: (id: string) => api.request<unknown>('POST', `/flows/${enc(id)}/unpublish`),
  remove: (id: string) => api.request<{ deleted: boolean }>('DELETE', `/flows/${enc(id)}`),
});

/** The runtime's answer in the studio's words (its own messages name files and versions for operators). */
export function actionError(e: unknown, what: string): string {
  if (!(e instanceof ApiError)) return `Could not ${what}: the studio cannot reach the server.`;
  const body = e.body as { calledBy?: unknown } | undefined;
  switch (e.code) {
    case 'flow_live':
      return `Could not ${what}: the flow is live. Unpublish it first.`;
    case 'flow_in_use':
      return `Could not ${what}: ${Array.isArray(body?.calledBy) ? `it is called by ${body.calledBy.join(', ')}` : 'another flow calls it'}. Remove those calls first.`;
    case 'flow_exists':
      return `Could not ${what}: a flow with that name already exists. Choose another name.`;
    case 'not_found':
      return `Could not ${what}: the flow no longer exists. The list was refreshed.`;
    case 'bad_name':
    case 'bad_flow_id':
      return `Could not ${what}: choose a name that starts with a letter.`;
    default:
      return `Could not ${what}: ${e.message}`;
  }
}
