/**
 * Saved segments (a name and a filter per tenant) and the questions asked of a filter: how many
 * contacts match, how many of them a campaign could reach (marketing opt-in), and a sample.
 * Filters are compiled against the tenant's custom field definitions, so `fields.<key>` compares
 * by the field's type; a filter the definitions no longer fit throws SegmentFilterError.
 */
import type { Segment, SegmentFilter } from '@parley/contract';
import type { SegmentPreviewResponse } from '@parley/contract/api';
import { listFieldDefinitions } from '../contacts/fields';
import { CONTACT_COLUMNS, toContact, type ContactRow } from '../contacts/rows';
import type { Sql } from '../db/sql';
import { compileFilter, type CompiledFilter } from './compile';

interface SegmentRow {
  id: string;
  name: string;
  filter: SegmentFilter;
  created_at: number;
  updated_at: number;
}

const SEGMENT_COLUMNS = 'id, name, filter, created_at, updated_at';
/** Campaigns in these states still read their segment (a draft's audience, a recurring one's next occurrence). */
const LIVE_CAMPAIGN = `status IN ('draft', 'scheduled', 'running', 'paused')`;

function toSegment(row: SegmentRow): Segment {
  return { id: row.id, name: row.name, filter: row.filter, createdAt: row.created_at, updatedAt: row.updated_at };
}

export async function listSegments(sql: Sql, tenant: string): Promise<Segment[]> {
  const { rows } = await sql.query<SegmentRow>(`SELECT ${SEGMENT_COLUMNS} FROM segments WHERE tenant = $1 ORDER BY lower(name), id`, [
    tenant,
  ]);
  return rows.map(toSegment);
}

export async function getSegment(sql: Sql, tenant: string, id: string): Promise<Segment | null> {
  const { rows } = await sql.query<SegmentRow>(`SELECT ${SEGMENT_COLUMNS} FROM segments WHERE tenant = $1 AND id = $2`, [tenant, id]);
  return rows[0] ? toSegment(rows[0]) : null;
}

/** Creates or replaces a segment; the filter must compile (SegmentFilterError otherwise). */
export async function putSegment(
  sql: Sql,
  tenant: string,
  id: string,
  body: { name: string; filter: SegmentFilter },
  now: number,
): Promise<{ segment: Segment; created: boolean }> {
  await compileForTenant(sql, tenant, body.filter, now);
  const { rows } = await sql.query<SegmentRow & { created: boolean }>(
    `INSERT INTO segments (tenant, id, name, filter, created_at, updated_at) VALUES ($1, $2, $3, $4::jsonb, $5, $5)
     ON CONFLICT (tenant, id) DO UPDATE SET name = EXCLUDED.name, filter = EXCLUDED.filter, updated_at = EXCLUDED.updated_at
     RETURNING ${SEGMENT_COLUMNS}, (xmax = 0) AS created`,
    [tenant, id, body.name, JSON.stringify(body.filter), now],
  );
  const row = rows[0]!;
  return { segment: toSegment(row), created: row.created };
}

export type DeleteSegmentResult = { deleted: boolean } | { inUse: string[] };

/** Deletes a segment no live campaign reads; otherwise names the campaigns. */
export async function deleteSegment(sql: Sql, tenant: string, id: string): Promise<DeleteSegmentResult> {
  return sql.transaction(async (tx) => {
    const users = await tx.query<{ id: string }>(
      `SELECT id FROM campaigns WHERE tenant = $1 AND segment_id = $2 AND ${LIVE_CAMPAIGN} ORDER BY id`,
      [tenant, id],
    );
    if (users.rows.length > 0) return { inUse: users.rows.map((r) => r.id) };
    const { rowCount } = await tx.query('DELETE FROM segments WHERE tenant = $1 AND id = $2', [tenant, id]);
    return { deleted: rowCount > 0 };
  });
}

/**
 * A filter compiled with the tenant's field definitions, for `… FROM contacts c WHERE c.tenant = $1 AND (<sql>)`
 * (placeholders from `firstParam`, default 2: the tenant is `$1`).
 */
export async function compileForTenant(
  sql: Sql,
  tenant: string,
  filter: SegmentFilter,
  now: number,
  firstParam = 2,
): Promise<CompiledFilter> {
  const fields = await listFieldDefinitions(sql, tenant);
  return compileFilter(filter, { tenant, now, fields, firstParam });
}

/** A saved segment compiled (see compileForTenant), or null when there is no such segment. */
export async function compileSegment(sql: Sql, tenant: string, id: string, now: number, firstParam = 2): Promise<CompiledFilter | null> {
  const segment = await getSegment(sql, tenant, id);
  return segment ? compileForTenant(sql, tenant, segment.filter, now, firstParam) : null;
}

const CONSENTED = `EXISTS (SELECT 1 FROM consent_state s WHERE s.tenant = c.tenant AND s.contact_id = c.id AND s.purpose = 'marketing' AND s.status = 'opted_in')`;

export async function countSegment(sql: Sql, tenant: string, filter: SegmentFilter, now: number): Promise<number> {
  const where = await compileForTenant(sql, tenant, filter, now);
  const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int8 AS n FROM contacts c WHERE c.tenant = $1 AND (${where.sql})`, [
    tenant,
    ...where.params,
  ]);
  return rows[0]?.n ?? 0;
}

/** The segment builder's live answer: count, consented count and the newest `sample` contacts. */
export async function previewFilter(
  sql: Sql,
  tenant: string,
  filter: SegmentFilter,
  now: number,
  sample = 10,
): Promise<SegmentPreviewResponse> {
  const started = performance.now();
  const where = await compileForTenant(sql, tenant, filter, now);
  const params = [tenant, ...where.params];
  const matching = `FROM contacts c WHERE c.tenant = $1 AND (${where.sql})`;
  const limit = Math.min(Math.max(Math.trunc(sample), 0), 50);
  const [counts, rows] = await Promise.all([
    sql.query<{ n: number; consented: number }>(
      `SELECT count(*)::int8 AS n, count(*) FILTER (WHERE ${CONSENTED})::int8 AS consented ${matching}`,
      params,
    ),
    limit > 0
      ? sql.query<ContactRow>(`SELECT ${CONTACT_COLUMNS} ${matching} ORDER BY c.created_at DESC, c.id DESC LIMIT $${params.length + 1}`, [
          ...params,
          limit,
        ])
      : Promise.resolve({ rows: [] as ContactRow[] }),
  ]);
  return {
    count: counts.rows[0]?.n ?? 0,
    consented: counts.rows[0]?.consented ?? 0,
    sample: rows.rows.map(toContact),
    tookMs: Math.round(performance.now() - started),
  };
}
