/**
 * The marketing rules, enforced where messages leave (not by the flows): a marketing send — a
 * campaign's message, a marketing template, or an item flagged marketing — goes out only to a
 * contact who is not erased, not opted out, opted in (when the tenant requires it), outside quiet
 * hours on the contact's clock, and under every frequency cap. The cap check and the send's
 * reservation are one transaction on the locked contact row, so concurrent senders and
 * overlapping campaigns cannot both take the last slot.
 */
import type { OutboundMessage } from '@parley/flow';
import type { SuppressionReason } from '@parley/contract';
import type { MarketingConfig } from '../config/types';
import { ensureContactRef, suppressionHash } from '../consent/contact-ref';
import { quietHoursEnd } from '../consent/quiet-hours';
import { marketingRulesOf } from '../consent/rules';
import { contactKeyOf, timezoneForNumber, type ContactKey } from '../contacts/addresses';
import type { Sql } from '../db/sql';
import type { ConversationId, OutboundItem } from '../conversation';
import type { RuntimeContext } from '../platform/context';
import type { SendClaim } from '../stores';

export type MarketingDecision =
  { action: 'send' } | { action: 'suppress'; reason: SuppressionReason } | { action: 'hold'; untilMs: number };

export interface GovernInput {
  tenantId: string;
  conv: ConversationId;
  item: OutboundItem;
  /** What would go (the item's message, or its template outside the window). */
  message: OutboundMessage;
}

const SEND: MarketingDecision = { action: 'send' };
const HOUR_MS = 3_600_000;
/** PostgreSQL did not answer: marketing waits (it is never sent unchecked). */
const DB_DOWN_HOLD_MS = 5000;

export function isMarketingSend(ctx: Pick<RuntimeContext, 'templates'>, item: OutboundItem, message: OutboundMessage): boolean {
  if (item.campaign || item.marketing) return true;
  if (message.kind !== 'template') return false;
  return (message.category ?? ctx.templates?.get(message.name)?.category) === 'marketing';
}

export async function governMarketing(ctx: RuntimeContext, input: GovernInput): Promise<MarketingDecision> {
  const sql = ctx.db;
  const key = contactKeyOf(input.conv);
  if (!sql || !key) return SEND;
  const rules = marketingRulesOf(ctx, input.tenantId);
  const now = ctx.now();
  const { rows } = await sql.query<{ erased: boolean; id: string | null; timezone: string | null; status: string | null }>(
    `SELECT EXISTS (SELECT 1 FROM suppressions WHERE tenant = $1 AND channel = $2 AND address_hash = $4) AS erased,
            c.id, c.timezone, s.status
     FROM (SELECT 1) AS one
     LEFT JOIN contacts c ON c.tenant = $1 AND c.channel = $2 AND c.address = $3
     LEFT JOIN consent_state s ON s.tenant = c.tenant AND s.contact_id = c.id AND s.purpose = 'marketing'`,
    [key.tenant, key.channel, key.address, suppressionHash(key)],
  );
  const found = rows[0]!;
  if (found.erased) return { action: 'suppress', reason: 'erased' };
  if (found.status === 'opted_out') return { action: 'suppress', reason: 'opted_out' };
  if (rules.requireOptIn && found.status !== 'opted_in') return { action: 'suppress', reason: 'no_consent' };
  // A reply to someone who just wrote is not held or capped: only consent applies to it.
  if (input.item.lane === 0 && !input.item.campaign) return SEND;
  const zone = found.timezone ?? (key.channel === 'whatsapp' ? timezoneForNumber(key.address) : undefined) ?? 'UTC';
  const quietEnd = quietHoursEnd(now, zone, rules.quietHours);
  if (quietEnd !== null) return { action: 'hold', untilMs: quietEnd };
  const contactId = found.id ?? (await ensureContactRef(sql, key, now)).id;
  return reserveUnderCaps(sql, key, contactId, input, rules.frequencyCaps, now);
}

/** Counts the contact's marketing sends in each cap's window and reserves this one, on the locked contact row. */
async function reserveUnderCaps(
  sql: Sql,
  key: ContactKey,
  contactId: string,
  input: GovernInput,
  caps: MarketingConfig['frequencyCaps'],
  now: number,
): Promise<MarketingDecision> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT 1 FROM contacts WHERE tenant = $1 AND id = $2 FOR UPDATE', [key.tenant, contactId]);
    const widest = Math.max(0, ...caps.map((c) => c.hours));
    const { rows } = await tx.query<{ at: number; message_key: string }>(
      'SELECT at, message_key FROM marketing_sends WHERE tenant = $1 AND contact_id = $2 AND at > $3',
      [key.tenant, contactId, now - widest * HOUR_MS],
    );
    // Reserved by an earlier attempt of this item (a retry): it already counts.
    if (rows.some((r) => r.message_key === input.item.key)) return SEND;
    for (const cap of caps) {
      const inWindow = rows.filter((r) => r.at > now - cap.hours * HOUR_MS).length;
      if (inWindow >= cap.max) return { action: 'suppress', reason: 'frequency_cap' } as const;
    }
    await tx.query(
      `INSERT INTO marketing_sends (tenant, contact_id, at, conversation, message_key, campaign_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [key.tenant, contactId, now, input.conv, input.item.key, input.item.campaign?.id ?? null],
    );
    return SEND;
  });
}

/**
 * The sender's hook: null = send it; otherwise what the sender does with the head (the item was
 * suppressed and dropped: 'continue'; held: release the conversation for that long).
 */
export async function applyMarketingRules(
  ctx: RuntimeContext,
  claim: SendClaim,
  tenantId: string,
  item: OutboundItem,
  message: OutboundMessage,
): Promise<'continue' | { releaseIn: number } | null> {
  if (!ctx.db || !isMarketingSend(ctx, item, message)) return null;
  let decision: MarketingDecision;
  try {
    decision = await governMarketing(ctx, { tenantId, conv: claim.conv, item, message });
  } catch (err) {
    ctx.log.warn({ conv: claim.conv, key: item.key, err: (err as Error).message }, 'marketing send held: the database did not answer');
    return { releaseIn: DB_DOWN_HOLD_MS };
  }
  if (decision.action === 'send') return null;
  if (decision.action === 'hold') {
    ctx.log.info({ conv: claim.conv, key: item.key, until: new Date(decision.untilMs).toISOString() }, 'marketing send held: quiet hours');
    return holdBehind(ctx, claim, item, Math.max(1000, decision.untilMs - ctx.now()));
  }
  // Pop first: with a lost claim nothing is recorded twice.
  if (!(await ctx.stores.outbox.drop(claim, item.key))) return 'continue';
  ctx.metrics.marketingSuppressed.inc({ reason: decision.reason });
  ctx.log.info({ conv: claim.conv, key: item.key, reason: decision.reason }, 'marketing send suppressed');
  await recordSuppressed(ctx, claim.conv, item, message, decision.reason).catch((err: Error) =>
    ctx.log.error({ conv: claim.conv, key: item.key, err: err.message }, 'a suppressed marketing send could not be recorded'),
  );
  return 'continue';
}

/** Keys held during one claim: when only held messages are left, the conversation waits. */
const heldByClaim = new WeakMap<SendClaim, Set<string>>();

/**
 * A conversation's outbox is one queue: a held marketing message must not hold up the replies
 * queued behind it. It moves to the back (a copy appended before the head is dropped: a crash in
 * between leaves two copies, and a key is never sent twice), and the sender goes on with the next
 * message — or, when only held messages are left, releases the conversation until the hold ends.
 */
async function holdBehind(
  ctx: RuntimeContext,
  claim: SendClaim,
  item: OutboundItem,
  waitMs: number,
): Promise<'continue' | { releaseIn: number }> {
  let held = heldByClaim.get(claim);
  if (!held) heldByClaim.set(claim, (held = new Set()));
  held.add(item.key);
  await ctx.stores.outbox.enqueue(claim.conv, item, ctx.now());
  if (!(await ctx.stores.outbox.drop(claim, item.key))) return 'continue';
  const next = await ctx.stores.outbox.head(claim.conv);
  return next && !held.has(next.key) ? 'continue' : { releaseIn: waitMs };
}

async function recordSuppressed(
  ctx: RuntimeContext,
  conv: ConversationId,
  item: OutboundItem,
  message: OutboundMessage,
  reason: SuppressionReason,
): Promise<void> {
  const key = contactKeyOf(conv)!;
  const sql = ctx.db!;
  const now = ctx.now();
  // An erased person has no contact row (and gets none back): the row names only the conversation.
  const { rows } = await sql.query<{ id: string }>('SELECT id FROM contacts WHERE tenant = $1 AND channel = $2 AND address = $3', [
    key.tenant,
    key.channel,
    key.address,
  ]);
  const contactId = rows[0]?.id ?? null;
  // The conversation id holds the number: an erased person's row keeps only the hash.
  const conversation = reason === 'erased' ? `erased:${suppressionHash(key)}` : conv;
  await sql.query(
    `INSERT INTO suppressed_sends (tenant, contact_id, conversation, message_key, reason, campaign_id, template, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      key.tenant,
      contactId,
      conversation,
      item.key,
      reason,
      item.campaign?.id ?? null,
      message.kind === 'template' ? message.name : null,
      now,
    ],
  );
  if (item.campaign && contactId) {
    await sql.query(
      `UPDATE campaign_recipients SET status = 'suppressed', reason = $4
       WHERE tenant = $1 AND campaign_id = $2 AND contact_id = $3 AND status IN ('pending', 'queued')`,
      [key.tenant, item.campaign.id, contactId, reason],
    );
  }
}
