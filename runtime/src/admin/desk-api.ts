/**
 * The agent desk API: list the conversations a person has, read one (contact, variables,
 * transcript), answer the user, take a conversation over from the bot and hand it back.
 * Actions go through the conversation's inbox, so they are ordered with the user's messages
 * and applied by the worker under the conversation's lease.
 */
import { randomUUID } from 'node:crypto';
import type { TemplateMessage } from '@parley/contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AgentMessageBody,
  AgentMessageResult,
  ConversationParams,
  ErrorEnvelope,
  HandoffDetail,
  HandoffList,
  LimitQuery,
  Queued,
  ReleaseBody,
  TakeoverBody,
} from '@parley/contract/api';
import type { RuntimeContext } from '../platform/context';
import { validConversationId } from '../conversation';
import { windowInfo } from '../send/window';
import { prepareAgentTemplate } from './desk-template';
import { isPreview } from '../simulator/preview';
import type { ConversationId, ConversationState } from '../conversation';
import { isObject, sendError } from './errors';

const LIST_MAX = 500;
const TRANSCRIPT_DEFAULT = 100;
/** An agent's reply; the sender splits long text at the channel's limit. */
const AGENT_TEXT_MAX = 16_384;

const tags = ['desk'];
const refusals = { 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope };

export async function deskApi(scope: FastifyInstance, ctx: RuntimeContext, onQueued?: () => void): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const conversationOf = (raw: string, reply: FastifyReply): ConversationId | null => {
    const conv = validConversationId(raw);
    if (!conv) sendError(reply, 400, 'bad_conversation', 'conversation must be "<tenant>:<channel>:<contact id>" (URL-encoded)');
    else if (isPreview(conv)) {
      sendError(reply, 404, 'preview_conversation', `${conv} is a studio preview: previews never reach the agent desk`);
      return null;
    }
    return conv;
  };
  const running = (state: ConversationState) =>
    state.session && !['ended', 'expired', 'errored'].includes(state.session.snapshot.status) ? state.session : null;

  app.get(
    '/api/handoffs',
    {
      schema: { tags, summary: 'Conversations a person has, oldest first', querystring: LimitQuery, response: { 200: HandoffList } },
    },
    async (req) => {
      const limit = Math.min(LIST_MAX, Math.max(1, Number(req.query.limit) || 100));
      const open = await ctx.stores.desk.list(limit);
      const handoffs = await Promise.all(
        open.map(async ({ conv, since }) => {
          const [state, last] = await Promise.all([ctx.stores.conversations.load(conv), ctx.stores.desk.transcript(conv, 1)]);
          // \`since\` after the desk fields: the ISO time, as GET /api/handoffs/:conversation answers it (the desk's own is Unix ms).
          return {
            conversation: conv,
            ...running(state)?.desk,
            since: new Date(since).toISOString(),
            contact: state.contact,
            flowId: state.session?.snapshot.flowId,
            last: last[0] ?? null,
            window: windowInfo(state.contact?.lastInboundAt, ctx.now()),
          };
        }),
      );
      return { handoffs };
    },
  );

  app.get(
    '/api/handoffs/:conversation',
    {
      schema: {
        tags,
        summary: 'One handed-off conversation: contact, variables, transcript',
        params: ConversationParams,
        querystring: LimitQuery,
        response: { 200: HandoffDetail, ...refusals },
      },
    },
    async (req, reply) => {
      const conv = conversationOf(req.params.conversation, reply);
      if (!conv) return reply;
      const state = await ctx.stores.conversations.load(conv);
      const session = running(state);
      if (!session?.desk) return sendError(reply, 404, 'not_in_handoff', `nobody has conversation ${conv}`);
      const limit = Math.min(1000, Math.max(1, Number(req.query.limit) || TRANSCRIPT_DEFAULT));
      return {
        conversation: conv,
        ...session.desk,
        since: new Date(session.desk.since).toISOString(),
        contact: state.contact,
        flowId: session.snapshot.flowId,
        status: session.snapshot.status,
        variables: session.snapshot.variables,
        transcript: await ctx.stores.desk.transcript(conv, limit),
        // Outside the 24-hour window an agent's free-form reply would not reach the user (only a template does).
        window: windowInfo(state.contact?.lastInboundAt, ctx.now()),
      };
    },
  );

  app.post(
    '/api/handoffs/:conversation/messages',
    {
      schema: {
        tags,
        summary: "An agent's reply to the user",
        params: ConversationParams,
        body: AgentMessageBody,
        response: { 202: AgentMessageResult, ...refusals },
      },
    },
    async (req, reply) => {
      const conv = conversationOf(req.params.conversation, reply);
      if (!conv) return reply;
      const { text, template, agent } = req.body;
      if ((text === undefined) === (template === undefined) || (text !== undefined && !text.trim()))
        return sendError(
          reply,
          400,
          'bad_request',
          `body must be { text: string (1–${AGENT_TEXT_MAX} characters) } or { template: { name, language, values? } }, and agent?: string`,
        );
      const state = await ctx.stores.conversations.load(conv);
      if (!running(state)?.desk)
        return sendError(
          reply,
          409,
          'not_in_handoff',
          `take conversation ${conv} over first (POST /api/handoffs/${encodeURIComponent(conv)}/takeover)`,
        );
      const window = windowInfo(state?.contact?.lastInboundAt, ctx.now());
      if (text !== undefined && !window.open)
        return sendError(
          reply,
          409,
          'window_closed',
          'the user has not written in the last 24 hours, so WhatsApp does not deliver a free-form reply; send an approved template: { template: { name, language, values } }',
        );
      let prepared: TemplateMessage | undefined;
      if (template) {
        const refusal = await prepareAgentTemplate(ctx, conv, template);
        if (typeof refusal === 'string') return sendError(reply, 409, 'template_refused', refusal);
        prepared = refusal.message;
      }
      const id = randomUUID();
      await ctx.stores.inbox.append(conv, {
        kind: 'control',
        action: 'agent-message',
        id,
        text: text ?? `[template ${template!.name} (${template!.language})]`,
        ...(prepared ? { template: prepared } : {}),
        ...(agent ? { agent } : {}),
        receivedAt: ctx.now(),
      });
      onQueued?.();
      return reply.code(202).send({ queued: true, key: `agent:${id}` });
    },
  );

  app.post(
    '/api/handoffs/:conversation/takeover',
    {
      schema: {
        tags,
        summary: 'A person takes the conversation over from the bot',
        params: ConversationParams,
        body: TakeoverBody,
        response: { 202: Queued, ...refusals },
      },
    },
    async (req, reply) => {
      const conv = conversationOf(req.params.conversation, reply);
      if (!conv) return reply;
      const { queue, reason, agent } = req.body ?? {};
      const fields = { ...(queue ? { queue } : {}), ...(reason ? { reason } : {}), ...(agent ? { agent } : {}) };
      const session = running(await ctx.stores.conversations.load(conv));
      if (!session) return sendError(reply, 409, 'no_session', `conversation ${conv} has no running bot session to take over`);
      if (session.desk) return sendError(reply, 409, 'already_in_handoff', `a person already has conversation ${conv}`);
      await ctx.stores.inbox.append(conv, { kind: 'control', action: 'takeover', ...fields, receivedAt: ctx.now() });
      onQueued?.();
      return reply.code(202).send({ queued: true });
    },
  );

  // An agent (or helpdesk adapter) hands a conversation back to the bot.
  app.post(
    '/api/handoffs/:conversation/release',
    {
      schema: {
        tags,
        summary: 'Hand the conversation back to the bot',
        params: ConversationParams,
        body: ReleaseBody,
        response: { 202: Queued, ...refusals },
      },
    },
    async (req, reply) => {
      const conv = conversationOf(req.params.conversation, reply);
      if (!conv) return reply;
      const session = running(await ctx.stores.conversations.load(conv));
      if (!session?.desk && session?.snapshot.status !== 'handoff')
        return sendError(reply, 409, 'not_in_handoff', `conversation ${conv} is not handed off`);
      const variables = isObject(req.body?.variables) ? req.body.variables : undefined;
      await ctx.stores.inbox.append(conv, {
        kind: 'engine',
        event: { type: 'handoff.released', ...(variables ? { variables } : {}) },
        receivedAt: ctx.now(),
      });
      onQueued?.();
      return reply.code(202).send({ queued: true });
    },
  );
}
