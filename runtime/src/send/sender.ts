/**
 * Sends one claimed conversation's outbox, in order: idempotency check, per-number rate
 * limit, 24-hour window, Graph call, then ack / retry with back-off / template fallback /
 * tenant pause / dead letter. The head item leaves the outbox only once it is settled, so a
 * conversation's messages go out strictly in order.
 */
import { SendBuildError, buildSendRequests, classifyGraphError } from '@parley/channels';
import type { GraphErrorClass, MetaChannel, SendableMessage } from '@parley/channels';
import type { RuntimeContext } from '../platform/context';
import { MESSAGE_STATE_TTL_SEC } from '../platform/context';
import { ItemFailures, errorReason } from '../platform/item-failures';
import type { ChannelRoute, ResolvedTenant } from '../config/types';
import { parseConversationId } from '../conversation';
import type { OutboundItem } from '../conversation';
import type { SendClaim } from '../stores';
import { noteSent } from '../campaigns/tracking';
import { isPaused, pauseTenant } from './alerts';
import { backoffDelay } from './backoff';
import { applyMarketingRules } from './governance';
import { postGraph } from './graph-client';
import { blockedTemplate } from './template-check';
import { decideWindow, isInsideWindow } from './window';

/** Items sent per claim before the conversation goes back in line (fairness between conversations). */
export const BATCH_PER_CLAIM = 20;
const PAUSED_RECHECK_MS = 5000;

/** 'again': the head was replaced (e.g. by its template) and must be sent as it is now. */
type Outcome = 'sent' | 'continue' | { again: OutboundItem } | { releaseIn: number };

/** Exceptions per outbox item, per store set (a process normally has one; tests have many). */
const failuresByStores = new WeakMap<object, ItemFailures>();
function itemFailures(ctx: RuntimeContext): ItemFailures {
  let failures = failuresByStores.get(ctx.stores);
  if (!failures) failuresByStores.set(ctx.stores, (failures = new ItemFailures()));
  return failures;
}

export async function sendClaimed(ctx: RuntimeContext, claim: SendClaim): Promise<void> {
  const { tenant: tenantId, channel, contactId } = parseConversationId(claim.conv);
  let delay = 0;
  try {
    if (channel === 'simulator') {
      await deliverToSimulator(ctx, claim, contactId);
      return;
    }
    const tenant = ctx.tenants.find((t) => t.id === tenantId);
    if (!tenant) {
      ctx.log.error({ conv: claim.conv }, 'outbox of an unknown tenant: dead-lettering its messages');
      await deadLetterAll(ctx, claim, `tenant ${tenantId} is not configured`);
      return;
    }
    if (await isPaused(ctx, tenantId)) {
      delay = PAUSED_RECHECK_MS;
      return;
    }
    // The claim read the first items, the contact and any sent-ids in the same round trip.
    const batch = claim.prefetched ?? { items: [], contact: await ctx.stores.conversations.contact(claim.conv), sent: {} };
    const queue = [...batch.items];
    const route = senderRoute(ctx, tenant, channel as MetaChannel, batch.contact?.via);
    const slots = new RateSlots(ctx, route ? `${tenant.id}:${route.routingKey}` : '', route?.ratePerSecond ?? 0);
    for (let i = 0; i < BATCH_PER_CLAIM; i++) {
      const item = claim.prefetched ? queue.shift() : await ctx.stores.outbox.head(claim.conv);
      if (!item) break;
      let outcome: Outcome;
      try {
        outcome = await sendOne(
          ctx,
          claim,
          tenant,
          route,
          channel as MetaChannel,
          contactId,
          item,
          batch.contact?.lastInboundAt,
          batch.sent[item.key],
          () => slots.take(queue.length + 1),
        );
        if (outcome === 'sent' || outcome === 'continue') itemFailures(ctx).clear(`${claim.conv}|${item.key}`);
      } catch (err) {
        outcome = await onItemError(ctx, claim, item, err);
      }
      if (typeof outcome === 'object' && 'again' in outcome) {
        queue.unshift(outcome.again);
        continue;
      }
      if (typeof outcome === 'object') {
        delay = outcome.releaseIn;
        break;
      }
      if (outcome === 'sent' && ctx.config.send.recipientPacingMs > 0) {
        delay = ctx.config.send.recipientPacingMs;
        break;
      }
    }
  } finally {
    await ctx.stores.outbox.release(claim, ctx.now(), delay);
  }
}

/**
 * The number's per-second slots, taken for the whole batch in one store call and handed out one
 * per message. Slots taken for messages that end up not sent this second are simply unused: the
 * limit is never exceeded.
 */
class RateSlots {
  private left = 0;

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly bucket: string,
    private readonly limit: number,
  ) {}

  async take(wanted: number): Promise<boolean> {
    if (this.left === 0) this.left = await this.ctx.stores.rateLimiter.takeUpTo(this.bucket, this.limit, this.ctx.now(), wanted);
    if (this.left === 0) return false;
    this.left--;
    return true;
  }
}

function senderRoute(ctx: RuntimeContext, tenant: ResolvedTenant, channel: MetaChannel, via: string | undefined): ChannelRoute | null {
  if (via) {
    const route = ctx.routes.get(via);
    if (route && route.tenant.id === tenant.id && route.channel.type === channel) return route;
  }
  for (const route of ctx.routes.values()) if (route.tenant.id === tenant.id && route.channel.type === channel) return route;
  return null;
}

async function sendOne(
  ctx: RuntimeContext,
  claim: SendClaim,
  tenant: ResolvedTenant,
  route: ChannelRoute | null,
  channel: MetaChannel,
  contactId: string,
  item: OutboundItem,
  lastInboundAt: number | undefined,
  knownSentId: string | undefined,
  takeSlot: () => Promise<boolean>,
): Promise<Outcome> {
  const now = ctx.now();
  if (knownSentId ?? (!claim.prefetched && (await ctx.stores.outbox.sentId(claim.conv, item.key)))) {
    // Sent before a crash lost the pop: never send twice.
    await ctx.stores.outbox.drop(claim, item.key);
    return 'continue';
  }
  if (!route || !tenant.accessToken) {
    await deadLetter(
      ctx,
      claim,
      item,
      !route
        ? `tenant ${tenant.id} has no ${channel} channel`
        : `tenant ${tenant.id} has no access token (${tenant.accessTokenEnv ?? 'accessTokenEnv'} unset)`,
    );
    return 'continue';
  }
  // What would go (the item, or its template outside the window) is decided before a rate slot is taken:
  // a message that is not sent does not use one.
  const decision = decideWindow(item, isInsideWindow(lastInboundAt, now), ctx.config.send.windowFallback);
  if (decision.send === null) {
    await windowFallback(ctx, claim, item, decision.fallback, decision.reason);
    return 'continue';
  }
  const blocked = decision.send.kind === 'template' ? await blockedTemplate(ctx, tenant.id, decision.send) : null;
  if (blocked) {
    if (await deadLetter(ctx, claim, item, blocked.reason, blocked.code)) ctx.metrics.templateSendsBlocked.inc({ status: blocked.status });
    return 'continue';
  }
  const governed = await applyMarketingRules(ctx, claim, tenant.id, item, decision.send);
  if (governed) return governed;
  const bucket = `${tenant.id}:${route.routingKey}`;
  if (!(await takeSlot())) {
    const held = await ctx.stores.rateLimiter.heldFor(bucket, now);
    return { releaseIn: (held > 0 ? held : 1000 - (now % 1000)) + Math.floor(Math.random() * 20) };
  }
  let requests;
  try {
    requests = buildSendRequests(channel, contactId, decision.send as SendableMessage, {
      senderId: route.routingKey,
      bizOpaqueCallbackData: item.key,
    });
  } catch (err) {
    const reason = err instanceof SendBuildError ? err.message : `cannot build the request: ${(err as Error).message}`;
    await deadLetter(ctx, claim, item, reason);
    return 'continue';
  }
  let lastId = '';
  const earlierParts: string[] = [];
  for (let part = item.partsSent ?? 0; part < requests.length; part++) {
    const res = await postGraph(ctx, tenant.accessToken, requests[part]!);
    if (res.ok) {
      if (lastId) earlierParts.push(lastId);
      lastId = res.messageId;
      if (part < requests.length - 1) await ctx.stores.outbox.replaceHead(claim, { ...item, partsSent: part + 1 });
      continue;
    }
    const cls = classifyGraphError(res.failure);
    ctx.metrics.sends.inc({ channel, outcome: cls.kind });
    // Number- or app-wide throttling: every sender holds off this number, not just this conversation.
    if (cls.kind === 'retryable' && (cls.scope === 'number' || cls.scope === 'app') && cls.retryAfterMs) {
      await ctx.stores.rateLimiter.hold(bucket, cls.retryAfterMs, ctx.now());
    }
    return onFailure(ctx, claim, tenant.id, { ...item, partsSent: part }, cls, decision.usedTemplate);
  }
  // The message's state is recorded in the same atomic step as the sent id (a status webhook may follow).
  const state = {
    conv: claim.conv,
    key: item.key,
    state: 'accepted',
    updatedAt: ctx.now(),
    nodeId: item.nodeId,
    ...(item.fallbackTemplate && !decision.usedTemplate ? { fallbackTemplate: item.fallbackTemplate } : {}),
    ...(item.campaign ? { campaign: item.campaign } : {}),
  };
  try {
    await ctx.stores.outbox.ack(claim, item.key, lastId, { state, ttlSec: MESSAGE_STATE_TTL_SEC });
  } catch (err) {
    // Meta has it: record the send first, so the retry of this item drops it instead of sending it twice.
    await ctx.stores.outbox.recordSent(claim.conv, item.key, lastId).catch(() => {});
    throw err;
  }
  // A split text or paged list: the earlier parts' statuses (delivered, read, failed) are tracked too.
  await Promise.all(earlierParts.map((id) => ctx.stores.messages.set(id, state, MESSAGE_STATE_TTL_SEC)));
  ctx.metrics.sends.inc({ channel, outcome: 'sent' });
  if (item.campaign) noteSent(ctx, claim.conv, item.campaign, lastId);
  if (item.causedAt !== undefined) ctx.metrics.webhookToSend.observe({ channel }, ctx.now() - item.causedAt);
  return 'sent';
}

async function onFailure(
  ctx: RuntimeContext,
  claim: SendClaim,
  tenant: string,
  item: OutboundItem,
  cls: GraphErrorClass,
  usedTemplate: boolean,
): Promise<Outcome> {
  const { maxAttempts, backoffBaseMs, backoffMaxMs } = ctx.config.send;
  switch (cls.kind) {
    case 'retryable': {
      const attempts = item.attempts + 1;
      if (attempts >= maxAttempts) {
        await deadLetter(ctx, claim, item, `gave up after ${attempts} attempts: ${cls.message}`, cls.code);
        return 'continue';
      }
      await ctx.stores.outbox.replaceHead(claim, { ...item, attempts });
      const wait = Math.max(cls.retryAfterMs ?? 0, backoffDelay(attempts, backoffBaseMs, backoffMaxMs));
      ctx.log.warn(
        {
          conv: claim.conv,
          key: item.key,
          errorClass: cls.kind,
          scope: cls.scope,
          code: cls.code,
          subcode: cls.subcode,
          error: cls.message,
          attempts,
          wait,
        },
        'send failed, retrying',
      );
      return { releaseIn: wait };
    }
    case 'window_closed': {
      if (!usedTemplate && item.fallbackTemplate) {
        // Re-send as the node's template; keeps the head so order is kept.
        const again = { ...item, message: item.fallbackTemplate, partsSent: 0 };
        await ctx.stores.outbox.replaceHead(claim, again);
        return { again };
      }
      await windowFallback(ctx, claim, item, ctx.config.send.windowFallback ?? { type: 'drop' }, cls.message);
      return 'continue';
    }
    case 'auth':
      await pauseTenant(ctx, tenant, `${cls.message}${cls.code !== undefined ? ` (code ${cls.code})` : ''}`);
      return { releaseIn: PAUSED_RECHECK_MS };
    default:
      if (cls.action === 'pause_tenant') {
        await pauseTenant(ctx, tenant, `${cls.message} (code ${cls.code ?? '?'})`);
        return { releaseIn: PAUSED_RECHECK_MS };
      }
      await deadLetter(ctx, claim, item, cls.message, cls.code);
      return 'continue';
  }
}

/**
 * An exception while handling the head (a store script failing on this item, a bug): retried
 * with back-off, and after `reliability.maxItemFailures` dead-lettered with the reason so the
 * messages behind it go out. A store that is down is not the item's fault and is not counted.
 */
async function onItemError(ctx: RuntimeContext, claim: SendClaim, item: OutboundItem, err: unknown): Promise<Outcome> {
  const { backoffBaseMs, backoffMaxMs } = ctx.config.send;
  const reason = errorReason(err);
  const storeUp = await ctx.stores.ping().catch(() => false);
  if (!storeUp) {
    ctx.log.warn({ conv: claim.conv, key: item.key, err: reason }, 'sending paused: the store does not answer');
    return { releaseIn: backoffDelay(1, backoffBaseMs, backoffMaxMs) };
  }
  const failureKey = `${claim.conv}|${item.key}`;
  const failures = itemFailures(ctx).add(failureKey);
  const max = ctx.config.reliability.maxItemFailures;
  if (failures < max) {
    ctx.log.error(
      { conv: claim.conv, key: item.key, failures, maxFailures: max, err: reason },
      'sending a message failed with an error, retrying',
    );
    return { releaseIn: backoffDelay(failures, backoffBaseMs, backoffMaxMs) };
  }
  itemFailures(ctx).clear(failureKey);
  await deadLetter(ctx, claim, item, `failed ${failures} times with an error: ${reason}`);
  return 'continue';
}

async function windowFallback(
  ctx: RuntimeContext,
  claim: SendClaim,
  item: OutboundItem,
  fb: { type: string; url?: string },
  reason: string,
): Promise<void> {
  if (fb.type === 'webhook' && fb.url) {
    try {
      await ctx.fetch(fb.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'window.closed', conversation: claim.conv, key: item.key, message: item.message, reason }),
        signal: AbortSignal.timeout(5000),
      });
    } catch (err) {
      ctx.log.warn({ err: (err as Error).message, conv: claim.conv }, 'window fallback webhook failed');
    }
  }
  ctx.log.info({ conv: claim.conv, key: item.key, fallback: fb.type, reason }, 'message not sent: outside the 24-hour window');
  ctx.metrics.sends.inc({ channel: parseConversationId(claim.conv).channel, outcome: 'window_fallback' });
  await ctx.stores.outbox.drop(claim, item.key);
}

async function deadLetter(ctx: RuntimeContext, claim: SendClaim, item: OutboundItem, reason: string, code?: number): Promise<boolean> {
  // Pop first: with a lost claim nothing is recorded twice.
  if (!(await ctx.stores.outbox.drop(claim, item.key))) return false;
  await ctx.stores.deadLetters.add({ conv: claim.conv, item, reason, at: ctx.now(), ...(code !== undefined ? { code } : {}) });
  ctx.metrics.sends.inc({ channel: parseConversationId(claim.conv).channel, outcome: 'dead_letter' });
  ctx.log.warn({ conv: claim.conv, key: item.key, reason, code }, 'message dead-lettered');
  return true;
}

async function deadLetterAll(ctx: RuntimeContext, claim: SendClaim, reason: string): Promise<void> {
  for (let item = await ctx.stores.outbox.head(claim.conv); item; item = await ctx.stores.outbox.head(claim.conv)) {
    if (!(await deadLetter(ctx, claim, item, reason))) return;
  }
}

/**
 * The simulator channel: the "send" is an SSE event, through the same outbox and ordering.
 * Preview sends are not counted in metrics, and what WhatsApp would refuse shows in the
 * preview instead of the dead letters (simulator/preview.ts).
 */
async function deliverToSimulator(ctx: RuntimeContext, claim: SendClaim, sessionId: string): Promise<void> {
  for (let item = await ctx.stores.outbox.head(claim.conv); item; item = await ctx.stores.outbox.head(claim.conv)) {
    if (!(await ctx.stores.outbox.ack(claim, item.key, `sim:${item.key}`))) return;
    ctx.simulator.publish(sessionId, { type: 'bot', message: item.message, nodeId: item.nodeId });
  }
}
