/** The `campaigns` row ↔ the contract's Campaign, and the error every campaign operation throws. */
import type { Campaign, CampaignGoal, CampaignSchedule, CampaignStatus, CampaignVariant, SegmentFilter } from '@parley/contract';

export interface CampaignRow {
  tenant: string;
  id: string;
  name: string;
  status: CampaignStatus;
  segment_id: string | null;
  filter: SegmentFilter | null;
  schedule: CampaignSchedule;
  rate_share: number;
  variants: CampaignVariant[];
  goal: CampaignGoal | null;
  ends_at: number | null;
  parent_id: string | null;
  paused_reason: string | null;
  audience_size: number | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
  next_run_at: number | null;
}

export const CAMPAIGN_COLUMNS =
  'tenant, id, name, status, segment_id, filter, schedule, rate_share, variants, goal, ends_at, parent_id, paused_reason, ' +
  'audience_size, created_by, created_at, updated_at, started_at, finished_at, next_run_at';

export function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    tenant: row.tenant,
    name: row.name,
    status: row.status,
    ...(row.segment_id !== null ? { segment: row.segment_id } : {}),
    ...(row.filter !== null ? { filter: row.filter } : {}),
    schedule: row.schedule,
    rateShare: row.rate_share,
    variants: row.variants,
    ...(row.goal !== null ? { goal: row.goal } : {}),
    ...(row.ends_at !== null ? { endsAt: row.ends_at } : {}),
    ...(row.parent_id !== null ? { parentId: row.parent_id } : {}),
    ...(row.paused_reason !== null ? { pausedReason: row.paused_reason } : {}),
    ...(row.audience_size !== null ? { audienceSize: row.audience_size } : {}),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.started_at !== null ? { startedAt: row.started_at } : {}),
    ...(row.finished_at !== null ? { finishedAt: row.finished_at } : {}),
  };
}

export type CampaignErrorCode =
  'not_found' | 'exists' | 'invalid_campaign' | 'bad_transition' | 'not_a_draft' | 'launch_refused' | 'bad_filter' | 'unknown_segment';

const STATUS_OF: Record<CampaignErrorCode, number> = {
  not_found: 404,
  exists: 409,
  invalid_campaign: 422,
  bad_transition: 409,
  not_a_draft: 409,
  launch_refused: 409,
  bad_filter: 400,
  unknown_segment: 422,
};

/** A campaign operation refused: the API answers `status` with `{ error: { code, message, details } }`. */
export class CampaignError extends Error {
  readonly status: number;
  constructor(
    readonly code: CampaignErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CampaignError';
    this.status = STATUS_OF[code];
  }
}
