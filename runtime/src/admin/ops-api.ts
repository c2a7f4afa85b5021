/** NLU try-out, analytics, business events, dead letters and tenant resume. */
import type { FastifyInstance } from 'fastify';
import { isConversationChannel } from '@parley/contract';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AnalyticsParams,
  AnalyticsQuery,
  AnalyticsReport,
  DeadLetterList,
  DeadLetterParams,
  ErrorEnvelope,
  EventBody,
  EventParams,
  EventResult,
  LimitQuery,
  NluTryBody,
  NluTryResult,
  ReplayResult,
  ResumeResult,
  TenantParams,
} from '@parley/contract/api';
import { validateFlow } from '@parley/flow';
import type { Flow, InboundMessage } from '@parley/flow';
import { createUnderstander } from '@parley/nlu';
import { noteConversionEvent } from '../campaigns/tracking';
import type { RuntimeContext } from '../platform/context';
import { CHANNELS, conversationId, isSafeContactId } from '../conversation';
import { resumeTenant } from '../send/alerts';
import { analyticsKey, parseCounterKey } from '../analytics/counters';
import { eventNameProblem, flowIdProblem } from '../flows/ids';
import { flowsForEvent } from '../worker/triggers';
import { isObject, sendError } from './errors';
import { readDraft } from './flow-files';

const DAY_MS = 24 * 3600 * 1000;
const DEAD_LETTER_ID = /^[A-Za-z0-9_-]{1,64}$/;

function parseDay(value: unknown, fallback: number): number | null {
  if (value === undefined || value === '') return fallback;
  const t = Date.parse(String(value));
  return Number.isNaN(t) ? null : t;
}

export async function opsApi(scope: FastifyInstance, ctx: RuntimeContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/nlu/try',
    {
      schema: {
        tags: ['ops'],
        summary: "What understanding makes of a sentence, with a flow's intents and entities (its draft, or the one sent)",
        body: NluTryBody,
        response: { 200: NluTryResult, 400: ErrorEnvelope, 404: ErrorEnvelope, 422: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const body = req.body;
      if (body.flowId === undefined && body.flow === undefined)
        return sendError(reply, 400, 'bad_request', 'body must be { flowId: string, text: string, flow?: object }');
      const idProblem = body.flowId === undefined ? null : flowIdProblem(body.flowId, 'flowId');
      if (idProblem) return sendError(reply, 400, 'bad_flow_id', idProblem);
      let flow: Flow | null = null;
      if (body.flow) {
        // Validated like a saved flow before anything runs on it. Errors in what understanding reads
        // (intents, entities and their patterns, languages, settings) refuse it; an error elsewhere in
        // a draft being edited (an unconnected node) does not stop the author trying sentences.
        const v = validateFlow(body.flow);
        if (!v.flow)
          return sendError(reply, 422, 'invalid_flow', 'the flow in the request is not structurally valid', { issues: v.issues });
        const blocking = v.issues.filter((i) => i.severity === 'error' && /^\/(intents|entities|languages|settings)(\/|$)/.test(i.path));
        if (blocking.length > 0) {
          const first = blocking[0]!;
          return sendError(
            reply,
            422,
            'invalid_flow',
            `the flow in the request has errors in what understanding reads: ${first.path}: ${first.message}`,
            { issues: blocking },
          );
        }
        flow = v.flow;
      } else {
        const draft = await readDraft(ctx.flows.dir, String(body.flowId));
        const v = draft ? validateFlow(draft.flow) : null;
        flow = v?.flow ?? (await ctx.flows.live(String(body.flowId)))?.flow ?? null;
      }
      if (!flow) return sendError(reply, 404, 'not_found', `flow ${String(body.flowId)} does not exist`);
      const message: InboundMessage = { kind: 'text', text: body.text.slice(0, 4096) };
      return createUnderstander({ flow, ...(ctx.nluEncoder ? { encoder: ctx.nluEncoder } : {}) }).understand(message);
    },
  );

  app.get(
    '/api/analytics/:flowId',
    {
      schema: {
        tags: ['ops'],
        summary: "Visits, exits and drop-off per node over a range of days (of one campaign's sessions with ?campaign=)",
        params: AnalyticsParams,
        querystring: AnalyticsQuery,
        response: { 200: AnalyticsReport, 400: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const idProblem = flowIdProblem(req.params.flowId);
      if (idProblem) return sendError(reply, 400, 'bad_flow_id', idProblem);
      const to = parseDay(req.query.to, ctx.now());
      const from = parseDay(req.query.from, (to ?? ctx.now()) - 29 * DAY_MS);
      if (from === null || to === null || from > to)
        return sendError(reply, 400, 'bad_range', 'from and to must be dates (YYYY-MM-DD) with from ≤ to');
      if (to - from > 366 * DAY_MS) return sendError(reply, 400, 'bad_range', 'the range is limited to 366 days');
      const totals: Record<string, number> = {};
      for (let t = from; t <= to + DAY_MS - 1; t += DAY_MS) {
        for (const [field, n] of Object.entries(
          await ctx.stores.counters.read(analyticsKey(req.params.flowId, t, req.query.campaign || undefined)),
        ))
          totals[field] = (totals[field] ?? 0) + n;
      }
      const nodes: Record<string, { visits: number; exits: Record<string, number>; dropOff: number }> = {};
      const node = (id: string) => (nodes[id] ??= { visits: 0, exits: {}, dropOff: 0 });
      for (const [field, n] of Object.entries(totals)) {
        const counter = parseCounterKey(field);
        if (counter?.kind === 'visit') node(counter.node).visits += n;
        if (counter?.kind === 'exit') node(counter.node).exits[counter.exit] = n;
      }
      for (const n of Object.values(nodes)) n.dropOff = Math.max(0, n.visits - Object.values(n.exits).reduce((a, b) => a + b, 0));
      return { nodes, starts: totals.start ?? 0, completions: totals.end ?? 0 };
    },
  );

  app.post(
    '/api/events/:name',
    {
      schema: {
        tags: ['ops'],
        summary: 'A business event (e.g. cart.abandoned) that starts the flows it triggers for a contact',
        params: EventParams,
        body: EventBody,
        response: { 202: EventResult, 400: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const nameProblem = eventNameProblem(req.params.name);
      if (nameProblem) return sendError(reply, 400, 'bad_event', nameProblem);
      const idProblem = body.flowId === undefined ? null : flowIdProblem(body.flowId, 'flowId');
      if (idProblem) return sendError(reply, 400, 'bad_flow_id', idProblem);
      const contact = body.contact;
      const channel = contact.channel ?? 'whatsapp';
      if (!isConversationChannel(channel))
        return sendError(reply, 400, 'bad_channel', `contact.channel must be one of ${CHANNELS.join(', ')}`);
      if (!isSafeContactId(String(contact.id)))
        return sendError(reply, 400, 'bad_contact', 'contact.id may only contain letters, digits and . _ @ + -');
      const tenantId = typeof body.tenant === 'string' ? body.tenant : ctx.tenants[0]?.id;
      if (!tenantId || !ctx.tenants.some((t) => t.id === tenantId))
        return sendError(reply, 404, 'unknown_tenant', `tenant ${String(body.tenant)} is not configured`);
      const flowId = typeof body.flowId === 'string' ? body.flowId : undefined;
      const flows = await flowsForEvent(ctx, tenantId, req.params.name, flowId);
      const conv = conversationId(tenantId, channel, String(contact.id));
      // With the business records, a business event is also a campaign conversion (campaigns/tracking.ts): recorded even when no flow starts.
      const converted = noteConversionEvent(ctx, conv, req.params.name);
      if (flows.length === 0) {
        if (converted) return reply.code(202).send({ queued: true, conversation: conv, flows: [] });
        return sendError(reply, 404, 'no_flow', `no published flow is triggered by event "${req.params.name}"`);
      }
      const params = isObject(body.params) ? body.params : {};
      await ctx.stores.inbox.append(conv, {
        kind: 'event',
        name: req.params.name,
        params,
        receivedAt: ctx.now(),
        lane: 1,
        contact: {
          id: String(contact.id),
          ...(typeof contact.phone === 'string' ? { phone: contact.phone } : {}),
          ...(typeof contact.name === 'string' ? { name: contact.name } : {}),
        },
        ...(flowId ? { flowId } : {}),
      });
      return reply.code(202).send({ queued: true, conversation: conv, flows: flows.map((f) => f.flowId) });
    },
  );

  app.get(
    '/api/dead-letters',
    {
      schema: {
        tags: ['ops'],
        summary: 'Messages that could not be sent and inbox items that kept failing',
        querystring: LimitQuery,
        response: { 200: DeadLetterList },
      },
    },
    async (req) => {
      const limit = Math.min(1000, Math.max(1, Number(req.query.limit) || 100));
      return ctx.stores.deadLetters.list(limit);
    },
  );

  app.post(
    '/api/dead-letters/:id/replay',
    {
      schema: {
        tags: ['ops'],
        summary: 'Put a dead letter back on its queue',
        params: DeadLetterParams,
        response: { 200: ReplayResult, 400: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      if (!DEAD_LETTER_ID.test(req.params.id))
        return sendError(
          reply,
          400,
          'bad_id',
          `"${req.params.id.slice(0, 80)}" is not a dead letter id (as listed by GET /api/dead-letters)`,
        );
      const letter = await ctx.stores.deadLetters.take(req.params.id);
      if (!letter) return sendError(reply, 404, 'not_found', `dead letter ${req.params.id} does not exist`);
      // An inbox item goes back to the end of its conversation's inbox; a message to its outbox.
      if (letter.queue === 'inbox') await ctx.stores.inbox.append(letter.conv, letter.item);
      else await ctx.stores.outbox.enqueue(letter.conv, { ...letter.item, attempts: 0, partsSent: 0 }, ctx.now());
      return { replayed: letter.id, conversation: letter.conv };
    },
  );

  app.post(
    '/api/tenants/:id/resume',
    {
      schema: {
        tags: ['ops'],
        summary: 'Resume sending for a tenant paused by a platform error',
        params: TenantParams,
        response: { 200: ResumeResult, 404: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      if (!ctx.tenants.some((t) => t.id === req.params.id))
        return sendError(reply, 404, 'unknown_tenant', `tenant ${req.params.id} is not configured`);
      return { resumed: await resumeTenant(ctx, req.params.id) };
    },
  );
}
