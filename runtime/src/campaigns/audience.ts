/**
 * The audience: the segment's filter evaluated in SQL, counted for the checklist, and frozen at
 * start into campaign_recipients in ONE statement — a variant per contact by a weighted hash of
 * (campaign, contact) (sticky: the same contact gets the same variant every time it is computed),
 * the due time from the schedule in the contact's time zone, and the contacts without a marketing
 * opt-in (or with an opt-out) recorded as suppressed with the reason (the send plane checks again).
 */
import { createHash } from 'node:crypto';
import type { Campaign, CustomFieldDefinition, SegmentFilter } from '@parley/contract';
import type { Sql } from '../db/sql';
import { compileFilter, SegmentFilterError } from '../segments/compile';
import { CampaignError } from './rows';
import { CONTACT_TIMEZONE, FALLBACK_TIMEZONE, dueIn } from './schedule';

/** The filter a campaign's audience is drawn with: its segment's (read now) or its own. */
export async function audienceFilter(sql: Sql, tenant: string, campaign: Pick<Campaign, 'segment' | 'filter'>): Promise<SegmentFilter> {
  if (campaign.segment !== undefined) {
    const { rows } = await sql.query<{ filter: SegmentFilter }>('SELECT filter FROM segments WHERE tenant = $1 AND id = $2', [
      tenant,
      campaign.segment,
    ]);
    if (!rows[0]) throw new CampaignError('unknown_segment', `segment "${campaign.segment}" does not exist in tenant ${tenant}`);
    return rows[0].filter;
  }
  if (campaign.filter) return campaign.filter;
  throw new CampaignError('invalid_campaign', 'the campaign has no audience: give a segment or a filter');
}

async function fieldDefinitions(sql: Sql, tenant: string): Promise<CustomFieldDefinition[]> {
  const { rows } = await sql.query<{ key: string; label: string; type: CustomFieldDefinition['type']; choices: string[] | null }>(
    'SELECT key, label, type, choices FROM contact_fields WHERE tenant = $1',
    [tenant],
  );
  return rows.map((r) => ({ key: r.key, label: r.label, type: r.type, ...(r.choices ? { choices: r.choices } : {}) }));
}

/** The filter as SQL over contacts `c`, its placeholders numbered from `firstParam`. Bad filters → `bad_filter` with the path. */
async function compiledAudience(sql: Sql, tenant: string, filter: SegmentFilter, now: number, firstParam: number) {
  try {
    return compileFilter(filter, { tenant, now, fields: await fieldDefinitions(sql, tenant), firstParam });
  } catch (err) {
    if (err instanceof SegmentFilterError)
      throw new CampaignError('bad_filter', `the audience filter is not valid: ${err.message}`, { path: err.path });
    throw err;
  }
}

export interface AudienceCount {
  audience: number;
  /** With a current marketing opt-in. */
  consented: number;
  optedOut: number;
}

export async function countAudience(sql: Sql, tenant: string, filter: SegmentFilter, now: number): Promise<AudienceCount> {
  const where = await compiledAudience(sql, tenant, filter, now, 2);
  const { rows } = await sql.query<{ audience: number; consented: number; opted_out: number }>(
    `SELECT count(*)::int AS audience,
       count(*) FILTER (WHERE cs.status = 'opted_in')::int AS consented,
       count(*) FILTER (WHERE cs.status = 'opted_out')::int AS opted_out
     FROM contacts c
     LEFT JOIN consent_state cs ON cs.tenant = c.tenant AND cs.contact_id = c.id AND cs.purpose = 'marketing'
     WHERE c.tenant = $1 AND (${where.sql})`,
    [tenant, ...where.params],
  );
  const row = rows[0]!;
  return { audience: row.audience, consented: row.consented, optedOut: row.opted_out };
}

/** The weighted buckets: variants with weight 0 get nobody. */
function buckets(variants: Campaign['variants']): { ids: string[]; bounds: number[]; total: number } {
  const ids: string[] = [];
  const bounds: number[] = [];
  let total = 0;
  for (const v of variants) {
    if (v.weight <= 0) continue;
    total += v.weight;
    ids.push(v.id);
    bounds.push(total);
  }
  if (total === 0) throw new CampaignError('invalid_campaign', 'every variant has weight 0: nobody would get a message');
  return { ids, bounds, total };
}

/** The variant a contact gets (the same computation as the freeze's SQL: md5 of "campaign:contact", first 32 bits). */
export function variantFor(campaignId: string, contactId: string, variants: Campaign['variants']): string {
  const { ids, bounds, total } = buckets(variants);
  const hash = parseInt(createHash('md5').update(`${campaignId}:${contactId}`).digest('hex').slice(0, 8), 16) % total;
  return ids[bounds.filter((b) => b <= hash).length]!;
}

export interface FreezeInput {
  tenant: string;
  campaign: Pick<Campaign, 'id' | 'variants' | 'schedule'>;
  filter: SegmentFilter;
  now: number;
  requireOptIn: boolean;
  /** Wall clock (UTC ms of the digits) the recipients are due at, read in their zone; absent: now. */
  wall?: number;
}

export interface FrozenAudience {
  audience: number;
  suppressed: number;
}

/** Freezes the audience (call it in the launch's transaction). A second call adds nobody twice. */
export async function freezeAudience(sql: Sql, input: FreezeInput): Promise<FrozenAudience> {
  const { tenant, campaign, now } = input;
  const { ids, bounds, total } = buckets(campaign.variants);
  const zone = campaign.schedule.type === 'now' ? null : campaign.schedule.timezone;
  const perContact = zone === CONTACT_TIMEZONE && input.wall !== undefined;
  const defaultDue = input.wall === undefined ? now : dueIn(input.wall, perContact ? FALLBACK_TIMEZONE : zone, now);
  const zones: string[] = [];
  const dues: number[] = [];
  if (perContact) {
    const where = await compiledAudience(sql, tenant, input.filter, now, 2);
    const { rows } = await sql.query<{ timezone: string }>(
      `SELECT DISTINCT c.timezone FROM contacts c WHERE c.tenant = $1 AND c.timezone IS NOT NULL AND (${where.sql})`,
      [tenant, ...where.params],
    );
    for (const { timezone } of rows) {
      zones.push(timezone);
      dues.push(dueIn(input.wall!, timezone, now));
    }
  }
  const where = await compiledAudience(sql, tenant, input.filter, now, 10);
  await sql.query(
    `INSERT INTO campaign_recipients (tenant, campaign_id, contact_id, variant, status, reason, due_at)
     SELECT c.tenant, $2::text, c.id,
       ($3::text[])[1 + (SELECT count(*)::int FROM unnest($4::bigint[]) AS b(bound) WHERE b.bound <= h.bucket)],
       CASE WHEN cs.status = 'opted_out' OR ($6::boolean AND cs.status IS DISTINCT FROM 'opted_in') THEN 'suppressed' ELSE 'pending' END,
       CASE WHEN cs.status = 'opted_out' THEN 'opted_out' WHEN $6::boolean AND cs.status IS DISTINCT FROM 'opted_in' THEN 'no_consent' END,
       COALESCE(tz.due, $9::bigint)
     FROM contacts c
     CROSS JOIN LATERAL (SELECT (('x' || substr(md5($2::text || ':' || c.id::text), 1, 8))::bit(32)::bigint % $5::bigint) AS bucket) h
     LEFT JOIN consent_state cs ON cs.tenant = c.tenant AND cs.contact_id = c.id AND cs.purpose = 'marketing'
     LEFT JOIN unnest($7::text[], $8::bigint[]) AS tz(name, due) ON tz.name = c.timezone
     WHERE c.tenant = $1 AND (${where.sql})
     ON CONFLICT (tenant, campaign_id, contact_id) DO NOTHING`,
    [tenant, campaign.id, ids, bounds, total, input.requireOptIn, zones, dues, defaultDue, ...where.params],
  );
  const { rows } = await sql.query<{ audience: number; suppressed: number }>(
    `SELECT count(*)::int AS audience, count(*) FILTER (WHERE status = 'suppressed')::int AS suppressed
     FROM campaign_recipients WHERE tenant = $1 AND campaign_id = $2`,
    [tenant, campaign.id],
  );
  return rows[0]!;
}
