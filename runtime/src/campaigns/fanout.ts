/**
 * The fan-out of one batch: take due pending recipients (FOR UPDATE SKIP LOCKED, so schedulers in
 * several processes share the work), append a `campaign` item to each contact's conversation
 * with the dedupe key `campaign:<tenant>:<id>:<contactId>`, then mark them queued — all while the
 * rows are locked. A crash between the append and the mark leaves them pending: the next batch
 * appends again and the inbox's dedupe drops it. Each contact is messaged exactly once.
 */
import type { Campaign, ContactChannel, CustomFieldValue } from '@parley/contract';
import type { InboxItem } from '../conversation';
import { conversationOf } from '../contacts/addresses';
import type { Sql } from '../db/sql';
import type { RuntimeContext } from '../platform/context';

/** The dedupe key outlives the campaign: at least 30 days. */
const MIN_DEDUPE_TTL_SEC = 30 * 86_400;
const APPEND_PARALLEL = 32;

interface DueRow {
  contact_id: string;
  variant: string;
  channel: ContactChannel;
  address: string;
  name: string | null;
  language: string | null;
  timezone: string | null;
  tags: string[];
  fields: Record<string, CustomFieldValue>;
}

function dedupeKey(tenant: string, campaign: string, contactId: string): string {
  return `campaign:${tenant}:${campaign}:${contactId}`;
}

function dedupeTtlSec(campaign: Pick<Campaign, 'endsAt'>, now: number): number {
  const untilEnd = campaign.endsAt !== undefined ? Math.ceil((campaign.endsAt - now) / 1000) + 86_400 : 0;
  return Math.max(MIN_DEDUPE_TTL_SEC, untilEnd);
}

/** Hook for the exactly-once test: runs between the appends and the mark (throwing there is a crash). */
export interface FanOutHooks {
  afterAppend?: () => void | Promise<void>;
}

/** Queues up to `limit` due recipients of a running campaign; returns how many were queued. */
export async function fanOutBatch(
  ctx: Pick<RuntimeContext, 'stores'>,
  sql: Sql,
  campaign: Campaign,
  limit: number,
  now: number,
  hooks: FanOutHooks = {},
): Promise<number> {
  if (limit <= 0) return 0;
  const variants = new Map(campaign.variants.map((v) => [v.id, v]));
  const ttlSec = dedupeTtlSec(campaign, now);
  return sql.transaction(async (tx) => {
    const { rows } = await tx.query<DueRow>(
      `SELECT r.contact_id, r.variant, c.channel, c.address, c.name, c.language, c.timezone, c.tags, c.fields
       FROM campaign_recipients r
       JOIN contacts c ON c.tenant = r.tenant AND c.id = r.contact_id
       WHERE r.tenant = $1 AND r.campaign_id = $2 AND r.status = 'pending' AND r.due_at <= $3
         AND EXISTS (SELECT 1 FROM campaigns k WHERE k.tenant = $1 AND k.id = $2 AND k.status IN ('running', 'scheduled'))
       ORDER BY r.due_at
       LIMIT $4
       FOR UPDATE OF r SKIP LOCKED`,
      [campaign.tenant, campaign.id, now, limit],
    );
    if (rows.length === 0) return 0;
    for (let i = 0; i < rows.length; i += APPEND_PARALLEL) {
      await Promise.all(
        rows.slice(i, i + APPEND_PARALLEL).map((row) => {
          const conv = conversationOf(campaign.tenant, row.channel, row.address);
          const item = campaignItem(campaign, variants.get(row.variant), row, now);
          return ctx.stores.inbox.append(conv, item, { key: dedupeKey(campaign.tenant, campaign.id, row.contact_id), ttlSec });
        }),
      );
    }
    await hooks.afterAppend?.();
    await tx.query(
      `UPDATE campaign_recipients SET status = 'queued', queued_at = $3
       WHERE tenant = $1 AND campaign_id = $2 AND contact_id = ANY($4::uuid[]) AND status = 'pending'`,
      [campaign.tenant, campaign.id, now, rows.map((r) => r.contact_id)],
    );
    return rows.length;
  });
}

function campaignItem(campaign: Campaign, variant: Campaign['variants'][number] | undefined, row: DueRow, now: number): InboxItem {
  const contact = {
    id: row.channel === 'whatsapp' ? row.address.replace(/^\+/, '') : row.address,
    ...(row.name ? { name: row.name } : {}),
    ...(row.channel === 'whatsapp' ? { phone: row.address } : {}),
    ...(row.language ? { language: row.language } : {}),
  };
  return {
    kind: 'campaign',
    campaign: campaign.id,
    variant: row.variant,
    ...(variant?.flow !== undefined ? { flowId: variant.flow } : {}),
    ...(variant?.template ? { template: variant.template } : {}),
    contact,
    // Custom fields also at the top level, so a flow that declares a variable named like a field
    // (`cart_id`) gets it; `contact` and `campaign` come last and are never overridden by a field.
    vars: {
      ...row.fields,
      contact: {
        name: row.name ?? '',
        language: row.language ?? '',
        timezone: row.timezone ?? '',
        tags: row.tags,
        fields: row.fields,
      },
      campaign: { id: campaign.id, variant: row.variant },
    },
    receivedAt: now,
  };
}
