/**
 * POST /webhooks/:channel and the GET verification handshake.
 * The POST path does only: verify the signature over the raw bytes, split the batch,
 * dedupe each message id / status id+status, append to the conversation's inbox, 200.
 * No flow logic, no outbound call, no LLM.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorEnvelope, WebhookAck, WebhookChallenge, WebhookParams, WebhookPayload, WebhookVerifyQuery } from '@parley/contract/api';
import { isChannel } from '@parley/contract';
import { parseWebhook, verifyChallenge, verifySignature } from '@parley/channels';
import type { MarketingPreference, MetaChannel, NormalizedMessage, StatusUpdate } from '@parley/channels';
import type { TemplateStatusEvent } from '@parley/contract';
import type { RuntimeContext } from '../platform/context';
import { WEBHOOK_DEDUPE_TTL_SEC } from '../platform/context';
import { DeadlineExceeded, withDeadline } from '../platform/deadline';
import { parseJsonBody } from '../platform/json-body';
import type { ResolvedTenant } from '../config/types';
import type { InboxItem } from '../conversation';
import { reportPlatformErrors } from './platform-errors';
import { lazyChildLogger } from './lazy-child-logger';
import { conversationId, isSafeContactId } from '../conversation';
import { wabaIdOf } from '../templates/runtime-templates';

export async function webhookRoutes(app: FastifyInstance, ctx: RuntimeContext, onQueued?: () => void): Promise<void> {
  // Keep the raw bytes: the signature is over them, and a parse/re-serialise round trip
  // changes Meta's \uXXXX escapes. Encapsulated: only this plugin's routes get buffers.
  app.removeAllContentTypeParsers();
  // Encapsulated too: webhook requests build their reqId child logger only if they log.
  app.setChildLoggerFactory(lazyChildLogger);
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ctx.config.server.bodyLimitBytes }, (_req, body, done) => done(null, body));

  app.get<{ Params: { channel: string } }>(
    '/webhooks/:channel',
    {
      schema: {
        tags: ['system'],
        summary: "Meta's webhook verification handshake",
        params: WebhookParams,
        querystring: WebhookVerifyQuery,
        response: {
          200: { description: 'hub.challenge', content: { 'text/plain': { schema: WebhookChallenge } } },
          400: ErrorEnvelope,
          403: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
    },
    async (req, reply) => {
      if (!isChannel(req.params.channel))
        return reply.code(404).send({ error: { code: 'unknown_channel', message: `no webhook for channel "${req.params.channel}"` } });
      const query = req.query as Record<string, unknown>;
      let lastReason = 'no verify token is configured for any tenant';
      for (const tenant of ctx.tenants) {
        if (!tenant.verifyToken) continue;
        const res = verifyChallenge(query, tenant.verifyToken);
        if (res.ok) return reply.type('text/plain').send(res.challenge);
        lastReason = res.reason;
        if (res.status === 400) return reply.code(400).send({ error: { code: 'bad_request', message: res.reason } });
      }
      return reply.code(403).send({ error: { code: 'forbidden', message: lastReason } });
    },
  );

  // Every answer to a webhook POST is measured here, including those Fastify gives before the
  // handler runs (413 too large, 415) and unexpected 500s; the handler names its outcome.
  app.addHook('onResponse', async (req, reply) => {
    if (req.method !== 'POST') return;
    const { channel } = req.params as { channel?: string };
    const outcome = outcomes.get(req) ?? (reply.statusCode >= 500 ? 'error' : 'rejected');
    ctx.metrics.ingressLatency.observe({ channel: metricChannel(channel), outcome, status: String(reply.statusCode) }, reply.elapsedTime);
  });

  // No security headers here (helmet: false): Meta's servers read none, and this is the hot path.
  // The body schema is empty on purpose: nothing may read the body before the signature check.
  app.post<{ Params: { channel: string } }>(
    '/webhooks/:channel',
    {
      helmet: false,
      schema: {
        tags: ['system'],
        summary: "Meta's webhook: messages and delivery statuses (signed with X-Hub-Signature-256)",
        params: WebhookParams,
        body: WebhookPayload,
        response: {
          200: { description: 'EVENT_RECEIVED: stored', content: { 'text/plain': { schema: WebhookAck } } },
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          404: ErrorEnvelope,
          503: ErrorEnvelope,
        },
      },
    },
    async (req, reply) => {
      await handlePost(ctx, req, reply);
      if (reply.statusCode === 200) onQueued?.();
      return reply;
    },
  );
}

/** The outcome label of each answered webhook request (read by the onResponse hook). */
const outcomes = new WeakMap<FastifyRequest, string>();

/** Any path segment is accepted by the route: unknown ones share one label (bounded label sets). */
function metricChannel(channel: string | undefined): string {
  return channel !== undefined && isChannel(channel) ? channel : 'unknown';
}

async function handlePost(
  ctx: RuntimeContext,
  req: FastifyRequest<{ Params: { channel: string } }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { channel } = req.params;
  const done = (code: number, outcome: string, body: unknown): FastifyReply => {
    outcomes.set(req, outcome);
    return reply.code(code).send(body);
  };
  if (!isChannel(channel))
    return done(404, 'unknown_channel', { error: { code: 'unknown_channel', message: `no webhook for channel "${channel}"` } });
  const raw = req.body;
  if (!Buffer.isBuffer(raw)) return done(400, 'malformed', { error: { code: 'bad_request', message: 'expected a JSON body' } });

  const signer = signingTenants(ctx, channel, raw, req.headers['x-hub-signature-256']);
  if (signer.length === 0) {
    req.log.warn({ channel }, 'webhook rejected: X-Hub-Signature-256 does not match any configured app secret');
    return done(401, 'bad_signature', { error: { code: 'bad_signature', message: 'signature does not match' } });
  }
  let body: unknown;
  try {
    body = parseJsonBody(raw.toString('utf8'));
  } catch (err) {
    return done(400, 'malformed', { error: { code: 'bad_request', message: (err as Error).message } });
  }
  if (body === undefined) return done(400, 'malformed', { error: { code: 'bad_request', message: 'body is empty; expected JSON' } });
  const parsed = parseWebhook(body, { channelHint: channel });
  reportPlatformErrors(ctx.metrics, req.log, parsed.platformErrors);
  const nothing =
    parsed.messages.length === 0 &&
    parsed.statuses.length === 0 &&
    parsed.ignored.length === 0 &&
    parsed.templateEvents.length === 0 &&
    parsed.preferences.length === 0;
  if (parsed.errors.length > 0 || nothing) {
    req.log.warn({ channel, errors: parsed.errors.slice(0, 5) }, 'webhook parts dropped: unexpected shape');
  }
  const receivedAt = ctx.now();
  const work: Array<Promise<void>> = [];
  for (const m of parsed.messages) work.push(queueMessage(ctx, req, signer, m, receivedAt));
  for (const s of parsed.statuses) work.push(queueStatus(ctx, req, signer, s, receivedAt));
  for (const e of parsed.templateEvents) work.push(applyTemplateEvent(ctx, req, signer, e));
  for (const p of parsed.preferences) work.push(queuePreference(ctx, req, signer, p, receivedAt));
  try {
    await withDeadline(Promise.all(work), ctx.config.server.storeTimeoutMs, 'queueing the webhook');
  } catch (err) {
    // 503, fast: Meta retries, and the dedupe keys make the retry safe even if a late command
    // lands. Logged without the error object: a store error carries the items (contacts, texts).
    const timedOut = err instanceof DeadlineExceeded;
    storeFailureLog(req, channel, timedOut ? `no answer within ${ctx.config.server.storeTimeoutMs} ms` : errorName(err));
    return done(503, timedOut ? 'store_timeout' : 'store_error', {
      error: { code: 'store_unavailable', message: 'the conversation store is not answering; retry later' },
    });
  }
  return done(200, 'ok', 'EVENT_RECEIVED');
}

/** During an outage every webhook fails: one log line per second per process is enough (metrics count them all). */
let lastStoreFailureLog = 0;
let suppressedStoreFailures = 0;
function storeFailureLog(req: FastifyRequest, channel: string, reason: string): void {
  const now = Date.now();
  if (now - lastStoreFailureLog < 1000) {
    suppressedStoreFailures++;
    return;
  }
  req.log.error(
    { channel, reason, alsoFailedSinceLastLine: suppressedStoreFailures },
    'webhook not queued: the store is unavailable; answered 503 so Meta retries',
  );
  lastStoreFailureLog = now;
  suppressedStoreFailures = 0;
}

/** The error's kind and its first line, cut: never its properties (a Redis error holds the command's arguments). */
function errorName(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown error';
  return `${err.name}: ${err.message.split('\n')[0]!.slice(0, 200)}`;
}

/** Tenants whose app secret produced this signature (usually one app serves every tenant). */
function signingTenants(ctx: RuntimeContext, channel: MetaChannel, raw: Buffer, header: string | string[] | undefined): ResolvedTenant[] {
  const value = Array.isArray(header) ? header[0] : header;
  const bySecret = new Map<string, ResolvedTenant[]>();
  for (const t of ctx.tenants) {
    if (!t.appSecret || !t.channels.some((c) => c.type === channel)) continue;
    bySecret.set(t.appSecret, [...(bySecret.get(t.appSecret) ?? []), t]);
  }
  for (const [secret, tenants] of bySecret) if (verifySignature(raw, value, secret)) return tenants;
  return [];
}

function routeFor(ctx: RuntimeContext, signers: ResolvedTenant[], tenantKey: string): ResolvedTenant | null {
  const route = ctx.routes.get(tenantKey);
  if (!route || !signers.includes(route.tenant)) return null;
  return route.tenant;
}

async function queueMessage(
  ctx: RuntimeContext,
  req: FastifyRequest,
  signers: ResolvedTenant[],
  m: NormalizedMessage,
  receivedAt: number,
): Promise<void> {
  const tenant = routeFor(ctx, signers, m.tenantKey);
  if (!tenant || !isSafeContactId(m.contact.id)) {
    ctx.metrics.ingressItems.inc({ channel: m.channel, kind: 'message', outcome: 'dropped' });
    req.log.warn(
      { tenantKey: m.tenantKey, channel: m.channel },
      tenant ? 'message dropped: unusable contact id' : 'message dropped: no tenant for this routing key and signature',
    );
    return;
  }
  const item: InboxItem = {
    kind: 'message',
    id: m.id,
    receivedAt,
    sentAt: m.timestamp,
    via: m.tenantKey,
    contact: {
      id: m.contact.id,
      ...(m.contact.name ? { name: m.contact.name } : {}),
      ...(m.contact.phone ? { phone: m.contact.phone } : {}),
    },
    message: m.message,
    ...(m.replyTo ? { replyTo: m.replyTo.id } : {}),
  };
  const conv = conversationId(tenant.id, m.channel, m.contact.id);
  const fresh = await ctx.stores.inbox.append(conv, item, { key: `m:${m.channel}:${m.id}`, ttlSec: WEBHOOK_DEDUPE_TTL_SEC });
  ctx.metrics.ingressItems.inc({ channel: m.channel, kind: 'message', outcome: fresh ? 'queued' : 'duplicate' });
}

async function queueStatus(
  ctx: RuntimeContext,
  req: FastifyRequest,
  signers: ResolvedTenant[],
  s: StatusUpdate,
  receivedAt: number,
): Promise<void> {
  const tenant = routeFor(ctx, signers, s.tenantKey);
  const contactId = s.recipientId ?? s.recipientBsuid;
  if (!tenant || !s.messageId || !contactId || !isSafeContactId(contactId)) {
    ctx.metrics.ingressItems.inc({ channel: s.channel, kind: 'status', outcome: 'dropped' });
    if (!tenant) req.log.warn({ tenantKey: s.tenantKey }, 'status dropped: no tenant for this routing key and signature');
    return;
  }
  const item: InboxItem = {
    kind: 'status',
    messageId: s.messageId,
    status: s.status,
    receivedAt,
    ...(s.errors.length > 0 ? { errorCodes: s.errors.map((e) => e.code) } : {}),
    ...(s.bizOpaqueCallbackData ? { callbackData: s.bizOpaqueCallbackData } : {}),
  };
  const conv = conversationId(tenant.id, s.channel, contactId);
  const fresh = await ctx.stores.inbox.append(conv, item, { key: `s:${s.messageId}:${s.status}`, ttlSec: WEBHOOK_DEDUPE_TTL_SEC });
  ctx.metrics.ingressItems.inc({ channel: s.channel, kind: 'status', outcome: fresh ? 'queued' : 'duplicate' });
}

/**
 * Meta's marketing preference (the person stopped or resumed marketing messages in WhatsApp): an
 * inbox item of the person's conversation, so the worker records it in the consent ledger (never
 * the webhook's acknowledgement) in order with their messages.
 */
async function queuePreference(
  ctx: RuntimeContext,
  req: FastifyRequest,
  signers: ResolvedTenant[],
  p: MarketingPreference,
  receivedAt: number,
): Promise<void> {
  const tenant = routeFor(ctx, signers, p.tenantKey);
  if (!tenant || !isSafeContactId(p.contact.id)) {
    ctx.metrics.ingressItems.inc({ channel: p.channel, kind: 'preference', outcome: 'dropped' });
    if (!tenant) req.log.warn({ tenantKey: p.tenantKey }, 'preference dropped: no tenant for this routing key and signature');
    return;
  }
  const id = `${p.contact.id}:${p.value}:${p.timestamp}`;
  const item: InboxItem = {
    kind: 'preference',
    id,
    value: p.value,
    ...(p.detail ? { detail: p.detail } : {}),
    contact: {
      id: p.contact.id,
      ...(p.contact.name ? { name: p.contact.name } : {}),
      ...(p.contact.phone ? { phone: p.contact.phone } : {}),
    },
    via: p.tenantKey,
    at: p.timestamp,
    receivedAt,
  };
  const conv = conversationId(tenant.id, p.channel, p.contact.id);
  const fresh = await ctx.stores.inbox.append(conv, item, { key: `p:${p.channel}:${id}`, ttlSec: WEBHOOK_DEDUPE_TTL_SEC });
  ctx.metrics.ingressItems.inc({ channel: p.channel, kind: 'preference', outcome: fresh ? 'queued' : 'duplicate' });
}

/**
 * A template status, quality or category change (Meta's `message_templates` fields): applied at
 * once — stored, alerted, streamed to the studio — by the tenant whose WhatsApp channel names the
 * business account (and whose app signed the webhook). A failure answers 503 so Meta retries;
 * applying the same change twice changes nothing the second time.
 */
async function applyTemplateEvent(
  ctx: RuntimeContext,
  req: FastifyRequest,
  signers: ResolvedTenant[],
  event: TemplateStatusEvent,
): Promise<void> {
  const tenant = signers.find((t) => wabaIdOf(t) === event.wabaId);
  if (!tenant || !ctx.templates) {
    ctx.metrics.ingressItems.inc({ channel: 'whatsapp', kind: 'template', outcome: 'dropped' });
    req.log.warn(
      { wabaId: event.wabaId, template: event.name },
      tenant
        ? 'template event dropped: templates are not loaded in this process'
        : 'template event dropped: no tenant has this wabaId (and signature)',
    );
    return;
  }
  await ctx.templates.apply(tenant.id, event);
  ctx.metrics.ingressItems.inc({ channel: 'whatsapp', kind: 'template', outcome: 'applied' });
}
