/** One Graph API call. Returns the accepted message id, or the failure for classifyGraphError. */
import type { GraphFailure, GraphRequest } from '@parley/channels';
import type { RuntimeContext } from '../app/context';

export type GraphResult = { ok: true; messageId: string } | { ok: false; failure: GraphFailure };

export async function postGraph(ctx: RuntimeContext, accessToken: string, request: GraphRequest): Promise<GraphResult> {
  const { baseUrl, version, timeoutMs } = ctx.config.graph;
  let res: Response;
  try {
    res = await ctx.fetch(`${baseUrl.replace(/\/$/, '')}/${version}${request.path}`, {
      method: request.method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    return { ok: false, failure: { networkError: err instanceof Error ? err : String(err) } };
  }
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => { headers[k] = v; });
  if (!res.ok) return { ok: false, failure: { httpStatus: res.status, body, headers } };
  const id = messageIdOf(body);
  if (!id) return { ok: false, failure: { httpStatus: 502, body, headers } };
  return { ok: true, messageId: id };
}

/** WhatsApp answers `messages[0].id`; Messenger/Instagram `message_id`. */
function messageIdOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as { messages?: Array<{ id?: unknown }>; message_id?: unknown };
  const wa = b.messages?.[0]?.id;
  if (typeof wa === 'string') return wa;
  return typeof b.message_id === 'string' ? b.message_id : null;
}
