/**
 * The agent desk API: list the conversations a person has, read one (contact, variables,
 * transcript), answer the user, take a conversation over from the bot and hand it back.
 * Actions go through the conversation's inbox, so they are ordered with the user's messages
 * and applied by the worker under the conversation's lease.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RuntimeContext } from '../platform/context';
import { validConversationId } from '../conversation';
import { isPreview } from '../simulator/preview';
import type { ConversationId, ConversationState } from '../conversation';
import { isObject, sendError } from './errors';

const LIST_MAX = 500;
const TRANSCRIPT_DEFAULT = 100;
const FIELD_MAX = 200;
/** An agent's reply; the sender splits long text at the channel's limit. */
const AGENT_TEXT_MAX = 16_384;

type Params = { Params: { conversation: string } };

function optionalText(body: Record<string, unknown>, field: string): string | undefined | Error {
  const v = body[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > FIELD_MAX) return new Error(`${field} must be a string of at most ${FIELD_MAX} characters`);
  return v;
}

export async function deskApi(app: FastifyInstance, ctx: RuntimeContext, onQueued?: () => void): Promise<void> {
  const conversationOf = (raw: string, reply: FastifyReply): ConversationId | null => {
    const conv = validConversationId(raw);
    if (!conv) sendError(reply, 400, 'bad_conversation', 'conversation must be "<tenant>:<channel>:<contact id>" (URL-encoded)');
    else if (isPreview(conv)) {
      sendError(reply, 404, 'preview_conversation', `${conv} is a studio preview: previews never reach the agent desk`);
      return null;
    }
    return conv;
  };
  const running = (state: ConversationState) => (state.session && !['ended', 'expired', 'errored'].includes(state.session.snapshot.status) ? state.session : null);

  app.get<{ Querystring: { limit?: string } }>('/api/handoffs', async (req) => {
    const limit = Math.min(LIST_MAX, Math.max(1, Number(req.query.limit) || 100));
    const open = await ctx.stores.desk.list(limit);
    const handoffs = await Promise.all(open.map(async ({ conv, since }) => {
      const [state, last] = await Promise.all([ctx.stores.conversations.load(conv), ctx.stores.desk.transcript(conv, 1)]);
      return { conversation: conv, since: new Date(since).toISOString(), ...running(state)?.desk, contact: state.contact, flowId: state.session?.snapshot.flowId, last: last[0] ?? null };
    }));
    return { handoffs };
  });

  app.get<Params & { Querystring: { limit?: string } }>('/api/handoffs/:conversation', async (req, reply) => {
    const conv = conversationOf(req.params.conversation, reply);
    if (!conv) return reply;
    const state = await ctx.stores.conversations.load(conv);
    const session = running(state);
    if (!session?.desk) return sendError(reply, 404, 'not_in_handoff', `nobody has conversation ${conv}`);
    const limit = Math.min(1000, Math.max(1, Number(req.query.limit) || TRANSCRIPT_DEFAULT));
    return {
      conversation: conv, ...session.desk, since: new Date(session.desk.since).toISOString(), contact: state.contact,
      flowId: session.snapshot.flowId, status: session.snapshot.status, variables: session.snapshot.variables,
      transcript: await ctx.stores.desk.transcript(conv, limit),
    };
  });

  app.post<Params & { Body: unknown }>('/api/handoffs/:conversation/messages', async (req, reply) => {
    const conv = conversationOf(req.params.conversation, reply);
    if (!conv) return reply;
    const body = isObject(req.body) ? req.body : {};
    const text = body.text;
    if (typeof text !== 'string' || !text.trim() || text.length > AGENT_TEXT_MAX) {
      return sendError(reply, 400, 'bad_request', `body must be { text: string (1–${AGENT_TEXT_MAX} characters), agent?: string }`);
    }
    const agent = optionalText(body, 'agent');
    if (agent instanceof Error) return sendError(reply, 400, 'bad_request', agent.message);
    if (!running(await ctx.stores.conversations.load(conv))?.desk) return sendError(reply, 409, 'not_in_handoff', `take conversation ${conv} over first (POST /api/handoffs/${encodeURIComponent(conv)}/takeover)`);
    const id = randomUUID();
    await ctx.stores.inbox.append(conv, { kind: 'control', action: 'agent-message', id, text, ...(agent ? { agent } : {}), receivedAt: ctx.now() });
    onQueued?.();
    return reply.code(202).send({ queued: true, key: `agent:${id}` });
  });

  app.post<Params & { Body: unknown }>('/api/handoffs/:conversation/takeover', async (req, reply) => {
    const conv = conversationOf(req.params.conversation, reply);
    if (!conv) return reply;
    const body = isObject(req.body) ? req.body : {};
    const fields: Record<string, string> = {};
    for (const field of ['queue', 'reason', 'agent']) {
      const v = optionalText(body, field);
      if (v instanceof Error) return sendError(reply, 400, 'bad_request', v.message);
      if (v) fields[field] = v;
    }
    const session = running(await ctx.stores.conversations.load(conv));
    if (!session) return sendError(reply, 409, 'no_session', `conversation ${conv} has no running bot session to take over`);
    if (session.desk) return sendError(reply, 409, 'already_in_handoff', `a person already has conversation ${conv}`);
    await ctx.stores.inbox.append(conv, { kind: 'control', action: 'takeover', ...fields, receivedAt: ctx.now() });
    onQueued?.();
    return reply.code(202).send({ queued: true });
  });

  // An agent (or helpdesk adapter) hands a conversation back to the bot.
  app.post<Params & { Body: { variables?: unknown } }>('/api/handoffs/:conversation/release', async (req, reply) => {
    const conv = conversationOf(req.params.conversation, reply);
    if (!conv) return reply;
    const session = running(await ctx.stores.conversations.load(conv));
    if (!session?.desk && session?.snapshot.status !== 'handoff') return sendError(reply, 409, 'not_in_handoff', `conversation ${conv} is not handed off`);
    const variables = isObject(req.body) && isObject(req.body.variables) ? req.body.variables : undefined;
    await ctx.stores.inbox.append(conv, { kind: 'engine', event: { type: 'handoff.released', ...(variables ? { variables } : {}) }, receivedAt: ctx.now() });
    onQueued?.();
    return reply.code(202).send({ queued: true });
  });
}
