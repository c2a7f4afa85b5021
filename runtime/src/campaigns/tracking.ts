/**
 * What happened to each campaign message, written to its recipient row in batches: sent (the
 * sender's ack), delivered / read / failed (status webhooks), replied and clicked (the person's
 * next message), converted (a goal event or node), refused (the worker could not start it).
 *
 * The callers are the sender and the worker's post-commit subscribers: they only push to an
 * in-process queue (never awaiting PostgreSQL), flushed every 200 ms or 500 updates. Updates are
 * order-independent (first time wins, status only moves forward), so a status that arrives before
 * the sender's record of the send, or from another process, lands the same.
 */
import type { ConversationId } from '../conversation';
import { contactKeyOf } from '../contacts/addresses';
import type { Sql } from '../db/sql';
import type { RuntimeContext } from '../platform/context';
import { failureClass } from './failures';

const FLUSH_MS = 200;
const FLUSH_ROWS = 500;

type Tag = { id: string; variant: string };
type Goal = { event: string } | { flow: string[]; node: string };

interface MessageFacts {
  tenant: string;
  campaign: string;
  channel: string;
  address: string;
  messageId?: string;
  sentAt?: number;
  deliveredAt?: number;
  readAt?: number;
  failedAt?: number;
  errorCode?: number;
  errorClass?: string;
  refused?: string;
}

interface InboundFacts {
  tenant: string;
  channel: string;
  address: string;
  at: number;
  clicked: boolean;
}

interface ConversionFacts {
  tenant: string;
  channel: string;
  address: string;
  at: number;
  goal: Goal;
}

type TrackingContext = Pick<RuntimeContext, 'db' | 'log' | 'now'> & { metrics?: RuntimeContext['metrics'] };

export class CampaignTracking {
  private messages = new Map<string, MessageFacts>();
  private inbound = new Map<string, InboundFacts>();
  private conversions: ConversionFacts[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** Campaigns that had failures in the last flush (the auto-pause check looks at them). */
  onFailures: ((tenant: string, campaigns: string[]) => void) | null = null;
  failedFlushes = 0;

  constructor(
    private readonly ctx: TrackingContext,
    private readonly sql: Sql,
  ) {}

  message(conv: ConversationId, tag: Tag, facts: Omit<MessageFacts, 'tenant' | 'campaign' | 'channel' | 'address'>): void {
    const key = contactKeyOf(conv);
    if (!key) return;
    const id = `${key.tenant}|${tag.id}|${key.channel}|${key.address}`;
    const current = this.messages.get(id) ?? { tenant: key.tenant, campaign: tag.id, channel: key.channel, address: key.address };
    // First time wins: a later duplicate does not move a timestamp.
    for (const [k, v] of Object.entries(facts))
      if (v !== undefined && (current as unknown as Record<string, unknown>)[k] === undefined)
        (current as unknown as Record<string, unknown>)[k] = v;
    this.messages.set(id, current);
    this.schedule();
  }

  inboundMessage(conv: ConversationId, at: number, clicked: boolean): void {
    const key = contactKeyOf(conv);
    if (!key) return;
    const id = `${key.tenant}|${key.channel}|${key.address}`;
    const current = this.inbound.get(id);
    this.inbound.set(id, { ...key, at: Math.min(at, current?.at ?? at), clicked: clicked || (current?.clicked ?? false) });
    this.schedule();
  }

  conversion(conv: ConversationId, goal: Goal, at: number): void {
    const key = contactKeyOf(conv);
    if (!key) return;
    this.conversions.push({ ...key, at, goal });
    this.schedule();
  }

  private size(): number {
    return this.messages.size + this.inbound.size + this.conversions.length;
  }

  private schedule(): void {
    if (this.size() >= FLUSH_ROWS) {
      void this.flush();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
    this.timer.unref?.();
  }

  /** Writes what is queued (one flush at a time); never throws: a failure is logged and counted. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing = this.flushing.then(() => this.flushNow());
    return this.flushing;
  }

  private async flushNow(): Promise<void> {
    const messages = [...this.messages.values()];
    const inbound = [...this.inbound.values()];
    const conversions = this.conversions;
    this.messages = new Map();
    this.inbound = new Map();
    this.conversions = [];
    if (messages.length + inbound.length + conversions.length === 0) return;
    try {
      if (messages.length > 0) await writeMessageFacts(this.sql, messages);
      if (inbound.length > 0) await writeInbound(this.sql, inbound);
      for (const c of conversions) await writeConversion(this.sql, c);
    } catch (err) {
      this.failedFlushes++;
      this.ctx.log.error(
        { err: (err as Error).message, dropped: messages.length + inbound.length + conversions.length },
        'campaign results could not be recorded',
      );
      return;
    }
    const failed = new Map<string, Set<string>>();
    for (const m of messages)
      if (m.failedAt !== undefined) (failed.get(m.tenant) ?? failed.set(m.tenant, new Set()).get(m.tenant)!).add(m.campaign);
    for (const [tenant, campaigns] of failed) this.onFailures?.(tenant, [...campaigns]);
  }
}

/** One UPDATE for every message fact of the batch: columns set once, the status moved forward only. */
async function writeMessageFacts(sql: Sql, rows: MessageFacts[]): Promise<void> {
  const col = <T>(f: (r: MessageFacts) => T | undefined): Array<T | null> => rows.map((r) => f(r) ?? null);
  await sql.query(
    `UPDATE campaign_recipients r SET
       message_id = COALESCE(r.message_id, u.message_id),
       sent_at = COALESCE(r.sent_at, u.sent_at, CASE WHEN u.delivered_at IS NOT NULL OR u.read_at IS NOT NULL THEN LEAST(u.delivered_at, u.read_at) END),
       delivered_at = COALESCE(r.delivered_at, u.delivered_at, u.read_at),
       read_at = COALESCE(r.read_at, u.read_at),
       failed_at = COALESCE(r.failed_at, u.failed_at),
       error_code = COALESCE(r.error_code, u.error_code),
       reason = CASE WHEN u.refused IS NOT NULL AND r.status IN ('pending', 'queued') THEN u.refused
                     WHEN u.failed_at IS NOT NULL AND r.status <> 'suppressed' THEN COALESCE(u.error_class, r.reason) ELSE r.reason END,
       status = CASE
         WHEN u.refused IS NOT NULL AND r.status IN ('pending', 'queued') THEN 'suppressed'
         WHEN r.status = 'suppressed' THEN r.status
         WHEN u.failed_at IS NOT NULL THEN 'failed'
         WHEN r.status = 'failed' THEN r.status
         WHEN u.read_at IS NOT NULL THEN 'read'
         WHEN u.delivered_at IS NOT NULL AND r.status <> 'read' THEN 'delivered'
         WHEN u.sent_at IS NOT NULL AND r.status IN ('pending', 'queued') THEN 'sent'
         ELSE r.status END
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[],
                 $10::int[], $11::text[], $12::text[])
       AS u(tenant, campaign, channel, address, message_id, sent_at, delivered_at, read_at, failed_at, error_code, error_class, refused)
     JOIN contacts c ON c.tenant = u.tenant AND c.channel = u.channel AND c.address = u.address
     WHERE r.tenant = u.tenant AND r.campaign_id = u.campaign AND r.contact_id = c.id`,
    [
      col((r) => r.tenant),
      col((r) => r.campaign),
      col((r) => r.channel),
      col((r) => r.address),
      col((r) => r.messageId),
      col((r) => r.sentAt),
      col((r) => r.deliveredAt),
      col((r) => r.readAt),
      col((r) => r.failedAt),
      col((r) => r.errorCode),
      col((r) => r.errorClass),
      col((r) => r.refused),
    ],
  );
}

const WINDOW = `COALESCE((k.goal->>'windowDays')::int, 7) * 86400000`;

/**
 * A person's message: replied (and clicked, for a button) on the most recent campaign sent to them within its window.
 * The message's time is Meta's timestamp, in whole seconds: a reply in the same second as the send (ms) still counts.
 */
async function writeInbound(sql: Sql, rows: InboundFacts[]): Promise<void> {
  await sql.query(
    `WITH u AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::boolean[]) AS u(tenant, channel, address, at, clicked)),
     target AS (
       SELECT DISTINCT ON (r.tenant, r.contact_id) r.tenant, r.campaign_id, r.contact_id, u.at, u.clicked
       FROM u
       JOIN contacts c ON c.tenant = u.tenant AND c.channel = u.channel AND c.address = u.address
       JOIN campaign_recipients r ON r.tenant = c.tenant AND r.contact_id = c.id AND r.sent_at IS NOT NULL AND r.sent_at < u.at + 1000
       JOIN campaigns k ON k.tenant = r.tenant AND k.id = r.campaign_id
       WHERE u.at - r.sent_at <= ${WINDOW}
       ORDER BY r.tenant, r.contact_id, r.sent_at DESC)
     UPDATE campaign_recipients r SET replied_at = COALESCE(r.replied_at, GREATEST(t.at, r.sent_at)),
       clicked_at = CASE WHEN t.clicked THEN COALESCE(r.clicked_at, GREATEST(t.at, r.sent_at)) ELSE r.clicked_at END
     FROM target t WHERE r.tenant = t.tenant AND r.campaign_id = t.campaign_id AND r.contact_id = t.contact_id`,
    [rows.map((r) => r.tenant), rows.map((r) => r.channel), rows.map((r) => r.address), rows.map((r) => r.at), rows.map((r) => r.clicked)],
  );
}

/**
 * A conversion counts for ONE campaign: the most recent one sent to the person whose goal it is,
 * within its window — overlapping campaigns never both claim it.
 */
async function writeConversion(sql: Sql, c: ConversionFacts): Promise<void> {
  const byEvent = 'event' in c.goal;
  await sql.query(
    `WITH target AS (
       SELECT r.tenant, r.campaign_id, r.contact_id
       FROM contacts x
       JOIN campaign_recipients r ON r.tenant = x.tenant AND r.contact_id = x.id AND r.sent_at IS NOT NULL AND r.sent_at <= $4
       JOIN campaigns k ON k.tenant = r.tenant AND k.id = r.campaign_id
       WHERE x.tenant = $1 AND x.channel = $2 AND x.address = $3 AND $4 - r.sent_at <= ${WINDOW}
         AND (CASE WHEN $5::boolean THEN k.goal->>'event' = $6 ELSE k.goal->>'node' = $6 AND k.goal->>'flow' = ANY($7::text[]) END)
       ORDER BY r.sent_at DESC LIMIT 1)
     UPDATE campaign_recipients r SET converted_at = COALESCE(r.converted_at, $4)
     FROM target t WHERE r.tenant = t.tenant AND r.campaign_id = t.campaign_id AND r.contact_id = t.contact_id`,
    [c.tenant, c.channel, c.address, c.at, byEvent, 'event' in c.goal ? c.goal.event : c.goal.node, 'flow' in c.goal ? c.goal.flow : []],
  );
}

/**
 * Opt-outs recorded since `since` (any source: keyword, button, Meta, agent, import) are the
 * most recent campaign's within its window: its recipient gets `opted_out_at`.
 */
export async function attributeOptOuts(sql: Sql, tenant: string, since: number): Promise<number> {
  const { rowCount } = await sql.query(
    `WITH target AS (
       SELECT DISTINCT ON (e.id) r.campaign_id, r.contact_id, e.at
       FROM consent_events e
       JOIN campaign_recipients r ON r.tenant = e.tenant AND r.contact_id = e.contact_id AND r.sent_at IS NOT NULL AND r.sent_at <= e.at
       JOIN campaigns k ON k.tenant = r.tenant AND k.id = r.campaign_id
       WHERE e.tenant = $1 AND e.purpose = 'marketing' AND e.action = 'opt_out' AND e.at >= $2 AND e.at - r.sent_at <= ${WINDOW}
       ORDER BY e.id, r.sent_at DESC)
     UPDATE campaign_recipients r SET opted_out_at = t.at FROM target t
     WHERE r.tenant = $1 AND r.campaign_id = t.campaign_id AND r.contact_id = t.contact_id AND r.opted_out_at IS NULL`,
    [tenant, since],
  );
  return rowCount;
}

/** One tracker per database handle (a process normally has one; tests have many). */
const trackers = new WeakMap<Sql, CampaignTracking>();

export function campaignTracking(ctx: TrackingContext): CampaignTracking | null {
  if (!ctx.db) return null;
  let tracker = trackers.get(ctx.db);
  if (!tracker) trackers.set(ctx.db, (tracker = new CampaignTracking(ctx, ctx.db)));
  return tracker;
}

/** The sender's ack of a campaign message (after Meta accepted it). */
export function noteSent(ctx: TrackingContext, conv: ConversationId, tag: Tag, messageId: string): void {
  campaignTracking(ctx)?.message(conv, tag, { messageId, sentAt: ctx.now() });
}

/** A delivery status of a campaign message (worker/handlers/status.ts via the post-commit event). */
export function noteStatus(
  ctx: TrackingContext,
  conv: ConversationId,
  tag: Tag,
  status: string,
  errorCodes: number[] | undefined,
  at: number,
): void {
  const tracker = campaignTracking(ctx);
  if (!tracker) return;
  if (status === 'delivered') tracker.message(conv, tag, { deliveredAt: at });
  else if (status === 'read') tracker.message(conv, tag, { readAt: at });
  else if (status === 'failed') {
    const code = errorCodes?.[0];
    tracker.message(conv, tag, {
      failedAt: at,
      ...(code !== undefined ? { errorCode: code } : {}),
      errorClass: failureClass(errorCodes ?? []),
    });
  }
}

/** The worker could not start a campaign message (its flow unpublished, its template refused). */
export function noteRefused(ctx: TrackingContext, conv: ConversationId, tag: Tag, reason: string): void {
  campaignTracking(ctx)?.message(conv, tag, { refused: reason });
}

/** A business event (POST /api/events/:name): the conversion of the most recent campaign whose goal it is. False without a database. */
export function noteConversionEvent(ctx: TrackingContext, conv: ConversationId, event: string): boolean {
  const tracker = campaignTracking(ctx);
  tracker?.conversion(conv, { event }, ctx.now());
  return tracker !== null;
}
