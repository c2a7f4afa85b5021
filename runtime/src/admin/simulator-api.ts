/**
 * The simulator channel: sessions run through the SAME pipeline as WhatsApp (inbox → worker →
 * commit → outbox → sender); the sender "delivers" to an SSE stream instead of the Graph API.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CreateSessionBody,
  CreateSessionResult,
  ErrorEnvelope,
  Queued,
  SessionParams,
  SimulatorEventStream,
  SimulatorMessageBody,
  SimulatorSession,
} from '@parley/contract/api';
import { validateFlow } from '@parley/flow';
import type { Flow } from '@parley/flow';
import type { RuntimeContext } from '../platform/context';
import { flowIdProblem } from '../flows/ids';
import { conversationId } from '../conversation';
import { windowInfo } from '../send/window';
import { pathParam, sendError } from './errors';
import { schemaErrorAs } from './schema-errors';

const SIM_TENANT = 'sim';
const SID = /^[A-Za-z0-9-]{8,64}$/;
const HEARTBEAT_MS = 15_000;

const TEXT_MAX = 4096;

const tags = ['simulator'];

export async function simulatorApi(scope: FastifyInstance, ctx: RuntimeContext, onQueued?: () => void): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const conv = (sid: string) => conversationId(SIM_TENANT, 'simulator', sid);
  const queue = async (sid: string, item: Parameters<RuntimeContext['stores']['inbox']['append']>[1]): Promise<void> => {
    await ctx.stores.inbox.append(conv(sid), item);
    onQueued?.();
  };

  // Before the body's schema: a bad id is refused as a bad id, whatever the body.
  app.addHook('preValidation', async (req, reply) => {
    const sid = pathParam(req.params, 'sid');
    if (sid !== undefined && !SID.test(sid)) return sendError(reply, 400, 'bad_session', `"${sid}" is not a simulator session id`);
  });

  app.post(
    '/api/simulator/sessions',
    {
      schema: {
        tags,
        summary: 'Start a preview session of a published flow, or of the draft sent',
        body: CreateSessionBody,
        response: { 201: CreateSessionResult, 400: ErrorEnvelope, 404: ErrorEnvelope, 422: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const idProblem = flowIdProblem(body.flowId, 'flowId');
      if (idProblem) return sendError(reply, 400, 'bad_flow_id', idProblem);
      let draft: Flow | undefined;
      if (body.flow !== undefined) {
        const v = validateFlow(body.flow);
        if (!v.ok || !v.flow) return sendError(reply, 422, 'invalid_flow', 'the draft flow has errors', { issues: v.issues });
        draft = v.flow;
      } else if (!(await ctx.flows.live(body.flowId))) {
        return sendError(reply, 404, 'not_found', `flow ${body.flowId} has no published version`);
      }
      const sessionId = randomUUID();
      await queue(sessionId, {
        kind: 'control',
        action: 'restart',
        flowId: body.flowId,
        receivedAt: ctx.now(),
        ...(draft ? { draft } : {}),
      });
      return reply.code(201).send({ sessionId });
    },
  );

  // The preview's 24-hour window: opened by the simulated user's last message, like a real one.
  app.get(
    '/api/simulator/sessions/:sid',
    {
      schema: {
        tags,
        summary: "A session's flow, status and 24-hour window",
        params: SessionParams,
        response: { 200: SimulatorSession, 400: ErrorEnvelope },
      },
    },
    async (req) => {
      const { sid } = req.params;
      const state = await ctx.stores.conversations.load(conv(sid));
      return {
        sessionId: sid,
        flowId: state.session?.snapshot.flowId ?? null,
        status: state.session?.snapshot.status ?? null,
        window: windowInfo(state.contact?.lastInboundAt, ctx.now()),
      };
    },
  );

  app.post(
    '/api/simulator/sessions/:sid/messages',
    {
      schema: {
        tags,
        summary: 'The user says something',
        params: SessionParams,
        body: SimulatorMessageBody,
        response: { 202: Queued, 400: ErrorEnvelope },
      },
      schemaErrorFormatter: schemaErrorAs('bad_message'),
    },
    async (req, reply) => {
      const { message } = req.body;
      if (message.text !== undefined && message.text.length > TEXT_MAX)
        return sendError(reply, 400, 'bad_message', `message.text must be a string of at most ${TEXT_MAX} characters`);
      const { sid } = req.params;
      await queue(sid, { kind: 'message', id: randomUUID(), receivedAt: ctx.now(), contact: { id: sid }, message });
      return reply.code(202).send({ queued: true });
    },
  );

  app.post(
    '/api/simulator/sessions/:sid/timeout',
    {
      schema: {
        tags,
        summary: 'Fire the wait timer the session is waiting on',
        params: SessionParams,
        response: { 202: Queued, 400: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      await queue(req.params.sid, { kind: 'control', action: 'fire-wait-timer', receivedAt: ctx.now() });
      return reply.code(202).send({ queued: true });
    },
  );

  app.post(
    '/api/simulator/sessions/:sid/restart',
    {
      schema: { tags, summary: 'Start the session over', params: SessionParams, response: { 202: Queued, 400: ErrorEnvelope } },
    },
    async (req, reply) => {
      ctx.simulator.clear(req.params.sid);
      await queue(req.params.sid, { kind: 'control', action: 'restart', receivedAt: ctx.now() });
      return reply.code(202).send({ queued: true });
    },
  );

  // Open streams are ended when the server closes, so a connected preview cannot stall shutdown.
  const streams = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of streams) res.end();
  });

  app.get(
    '/api/simulator/sessions/:sid/events',
    {
      schema: {
        tags,
        summary: "The session's events as Server-Sent Events (bot messages, state, errors, web requests, LLM calls, handoffs)",
        params: SessionParams,
        response: {
          200: { description: 'An event stream', content: { 'text/event-stream': { schema: SimulatorEventStream } } },
          400: ErrorEnvelope,
        },
      },
    },
    (req, reply) => {
      reply.hijack();
      const res = reply.raw;
      streams.add(res);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\n');
      const unsubscribe = ctx.simulator.subscribe(req.params.sid, (event) => {
        res.write(`data: ${JSON.stringify(event)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      const close = (): void => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(res);
      };
      req.raw.on('close', close);
      res.on('error', close);
    },
  );
}
