/**
 * One Graph API call. Returns the accepted message id, or the failure for classifyGraphError.
 * Uses an undici Agent (keep-alive connection pool) rather than fetch: at thousands of sends
 * per second fetch's web-stream plumbing costs more CPU than the send itself.
 */
import { Agent, request } from 'undici';
import type { GraphFailure, GraphRequest } from '@parley/channels';
import type { RuntimeContext } from '../platform/context';

export type GraphResult = { ok: true; messageId: string } | { ok: false; failure: GraphFailure };

const agent = new Agent({ connections: 128, keepAliveTimeout: 30_000, pipelining: 1 });

export async function postGraph(ctx: RuntimeContext, accessToken: string, req: GraphRequest): Promise<GraphResult> {
  const { baseUrl, version, timeoutMs } = ctx.config.graph;
  let status: number;
  let text: string;
  let headers: Record<string, string> = {};
  try {
    const res = await request(`${baseUrl.replace(/\/$/, '')}/${version}${req.path}`, {
      method: req.method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify(req.body),
      dispatcher: agent,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    status = res.statusCode;
    text = await res.body.text();
    headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]));
  } catch (err) {
    return { ok: false, failure: { networkError: err instanceof Error ? err : String(err) } };
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (status < 200 || status >= 300) return { ok: false, failure: { httpStatus: status, body, headers } };
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
