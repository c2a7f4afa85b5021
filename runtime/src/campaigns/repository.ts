/**
 * Campaign records: drafts (create, update), reads, and the status machine with its audit rows.
 * Plain functions over `Sql` (a transaction handle works too). What a draft may contain is checked
 * by validate.ts (it needs the flows and templates); this file keeps the records consistent.
 */
import type { Campaign, CampaignStatus } from '@parley/contract';
import type { CampaignBody } from '@parley/contract/api';
import type { Sql } from '../db/sql';
import { CAMPAIGN_COLUMNS, CampaignError, toCampaign, type CampaignRow } from './rows';

const DEFAULT_RATE_SHARE = 0.5;

export type CampaignPatch = Partial<Omit<CampaignBody, 'id'>>;

interface AuditEntry {
  tenant: string;
  actor: string;
  action: string;
  subject: string;
  detail?: Record<string, unknown>;
  at: number;
}

async function writeAudit(sql: Sql, entry: AuditEntry): Promise<void> {
  await sql.query('INSERT INTO audit_log (tenant, at, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5, $6::jsonb)', [
    entry.tenant,
    entry.at,
    entry.actor,
    entry.action,
    entry.subject,
    JSON.stringify(entry.detail ?? {}),
  ]);
}

export async function getCampaign(sql: Sql, tenant: string, id: string): Promise<Campaign | null> {
  const { rows } = await sql.query<CampaignRow>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE tenant = $1 AND id = $2`, [tenant, id]);
  return rows[0] ? toCampaign(rows[0]) : null;
}

export async function requireCampaign(sql: Sql, tenant: string, id: string): Promise<Campaign> {
  const campaign = await getCampaign(sql, tenant, id);
  if (!campaign) throw new CampaignError('not_found', `no campaign "${id}" in tenant ${tenant}`);
  return campaign;
}

/** Newest first; `status` narrows; occurrences of a recurring campaign are listed with their parent. */
export async function listCampaigns(sql: Sql, tenant: string, opts: { status?: CampaignStatus; limit?: number } = {}): Promise<Campaign[]> {
  const limit = Math.min(1000, Math.max(1, opts.limit ?? 200));
  const { rows } = await sql.query<CampaignRow>(
    `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE tenant = $1 AND ($2::text IS NULL OR status = $2)
     ORDER BY created_at DESC, id LIMIT $3`,
    [tenant, opts.status ?? null, limit],
  );
  return rows.map(toCampaign);
}

export async function createDraft(sql: Sql, tenant: string, body: CampaignBody, actor: string, now: number): Promise<Campaign> {
  return sql.transaction(async (tx) => {
    const { rows } = await tx.query<CampaignRow>(
      `INSERT INTO campaigns (tenant, id, name, status, segment_id, filter, schedule, rate_share, variants, goal, ends_at,
         created_by, created_at, updated_at)
       VALUES ($1, $2, $3, 'draft', $4, $5::jsonb, $6::jsonb, $7, $8::jsonb, $9::jsonb, $10, $11, $12, $12)
       ON CONFLICT (tenant, id) DO NOTHING
       RETURNING ${CAMPAIGN_COLUMNS}`,
      [
        tenant,
        body.id,
        body.name,
        body.segment ?? null,
        body.filter ? JSON.stringify(body.filter) : null,
        JSON.stringify(body.schedule),
        body.rateShare ?? DEFAULT_RATE_SHARE,
        JSON.stringify(body.variants),
        body.goal ? JSON.stringify(body.goal) : null,
        body.endsAt ?? null,
        actor,
        now,
      ],
    );
    if (!rows[0]) throw new CampaignError('exists', `campaign "${body.id}" already exists in tenant ${tenant}`);
    await writeAudit(tx, { tenant, actor, action: 'campaign.create', subject: `campaign:${body.id}`, at: now });
    return toCampaign(rows[0]);
  });
}

/** Changes a draft's fields (`null`-free patch: a field left out keeps its value). Only drafts change. */
export async function updateDraft(
  sql: Sql,
  tenant: string,
  id: string,
  patch: CampaignPatch,
  actor: string,
  now: number,
): Promise<Campaign> {
  return sql.transaction(async (tx) => {
    const current = await lockCampaign(tx, tenant, id);
    if (current.status !== 'draft')
      throw new CampaignError('not_a_draft', `campaign "${id}" is ${current.status}: only a draft can be edited`);
    const next = { ...current, ...patch };
    // Segment and filter are alternatives: setting one clears the other.
    if (patch.segment !== undefined) delete next.filter;
    if (patch.filter !== undefined) delete next.segment;
    const { rows } = await tx.query<CampaignRow>(
      `UPDATE campaigns SET name = $3, segment_id = $4, filter = $5::jsonb, schedule = $6::jsonb, rate_share = $7,
         variants = $8::jsonb, goal = $9::jsonb, ends_at = $10, updated_at = $11
       WHERE tenant = $1 AND id = $2 RETURNING ${CAMPAIGN_COLUMNS}`,
      [
        tenant,
        id,
        next.name,
        next.segment ?? null,
        next.filter ? JSON.stringify(next.filter) : null,
        JSON.stringify(next.schedule),
        next.rateShare,
        JSON.stringify(next.variants),
        next.goal ? JSON.stringify(next.goal) : null,
        next.endsAt ?? null,
        now,
      ],
    );
    await writeAudit(tx, {
      tenant,
      actor,
      action: 'campaign.update',
      subject: `campaign:${id}`,
      detail: { fields: Object.keys(patch) },
      at: now,
    });
    return toCampaign(rows[0]!);
  });
}

/** Reads the campaign and holds its row until the transaction ends (status changes do not race). */
export async function lockCampaign(tx: Sql, tenant: string, id: string): Promise<Campaign> {
  const { rows } = await tx.query<CampaignRow>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE tenant = $1 AND id = $2 FOR UPDATE`, [
    tenant,
    id,
  ]);
  if (!rows[0]) throw new CampaignError('not_found', `no campaign "${id}" in tenant ${tenant}`);
  return toCampaign(rows[0]);
}

/** Which status may follow which. Completed and cancelled are final. */
const TRANSITIONS: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['scheduled', 'running', 'cancelled'],
  scheduled: ['running', 'paused', 'completed', 'cancelled'],
  running: ['paused', 'completed', 'cancelled'],
  paused: ['running', 'scheduled', 'cancelled', 'completed'],
  completed: [],
  cancelled: [],
};

function canTransition(from: CampaignStatus, to: CampaignStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export interface TransitionOptions {
  actor: string;
  now: number;
  /** Paused: why (shown in the studio and the alert). */
  reason?: string;
  /** Extra columns set with the status. */
  set?: { startedAt?: number; nextRunAt?: number | null; audienceSize?: number; filter?: Campaign['filter'] };
  /** Statuses the campaign must be in (else `bad_transition`); default: any the machine allows. */
  from?: readonly CampaignStatus[];
}

/**
 * Moves the campaign to `to` (in the caller's transaction, or its own), with an audit row. Cancel
 * and complete settle what is still pending as suppressed `campaign_ended`, so the funnel adds up.
 */
export async function transition(sql: Sql, tenant: string, id: string, to: CampaignStatus, opts: TransitionOptions): Promise<Campaign> {
  return sql.transaction(async (tx) => {
    const current = await lockCampaign(tx, tenant, id);
    if ((opts.from && !opts.from.includes(current.status)) || !canTransition(current.status, to))
      throw new CampaignError('bad_transition', `campaign "${id}" is ${current.status}: it cannot become ${to}`);
    const final = to === 'completed' || to === 'cancelled';
    const set = opts.set ?? {};
    const { rows } = await tx.query<CampaignRow>(
      `UPDATE campaigns SET status = $3, updated_at = $4, paused_reason = $5,
         started_at = COALESCE(started_at, $6), finished_at = CASE WHEN $7 THEN $4 ELSE finished_at END,
         next_run_at = CASE WHEN $8 THEN $9 ELSE next_run_at END,
         audience_size = COALESCE($10, audience_size), filter = COALESCE($11::jsonb, filter)
       WHERE tenant = $1 AND id = $2 RETURNING ${CAMPAIGN_COLUMNS}`,
      [
        tenant,
        id,
        to,
        opts.now,
        to === 'paused' ? (opts.reason ?? 'paused') : null,
        set.startedAt ?? null,
        final,
        final || set.nextRunAt !== undefined,
        final ? null : (set.nextRunAt ?? null),
        set.audienceSize ?? null,
        set.filter ? JSON.stringify(set.filter) : null,
      ],
    );
    if (final)
      await tx.query(
        `UPDATE campaign_recipients SET status = 'suppressed', reason = 'campaign_ended'
         WHERE tenant = $1 AND campaign_id = $2 AND status = 'pending'`,
        [tenant, id],
      );
    await writeAudit(tx, {
      tenant,
      actor: opts.actor,
      action: `campaign.${actionName(current.status, to)}`,
      subject: `campaign:${id}`,
      detail: { from: current.status, to, ...(opts.reason ? { reason: opts.reason } : {}) },
      at: opts.now,
    });
    return toCampaign(rows[0]!);
  });
}

function actionName(from: CampaignStatus, to: CampaignStatus): string {
  if (from === 'draft') return to === 'cancelled' ? 'cancel' : 'launch';
  if (to === 'paused') return 'pause';
  if (from === 'paused' && (to === 'running' || to === 'scheduled')) return 'resume';
  if (to === 'cancelled') return 'cancel';
  if (to === 'completed') return 'complete';
  return 'start';
}
