/** Campaigns: create, launch checklist, launch / pause / resume / cancel, live results. */
import { Type, type Static } from 'typebox';
import { Campaign, CampaignGoal, CampaignResults, CampaignSchedule, CampaignStatus, CampaignVariant, SegmentFilter } from '../audience';

export const CampaignIdParams = Type.Object({ id: Type.String() });
export type CampaignIdParams = Static<typeof CampaignIdParams>;

export const CampaignListResponse = Type.Object({ campaigns: Type.Array(Campaign) });
export type CampaignListResponse = Static<typeof CampaignListResponse>;

/** A draft: everything but the status and bookkeeping. Either `segment` or `filter`. */
export const CampaignBody = Type.Object({
  id: Campaign.properties.id,
  name: Campaign.properties.name,
  segment: Type.Optional(Type.String()),
  filter: Type.Optional(SegmentFilter),
  schedule: CampaignSchedule,
  rateShare: Type.Optional(Campaign.properties.rateShare),
  variants: Type.Array(CampaignVariant, { minItems: 1, maxItems: 10 }),
  goal: Type.Optional(CampaignGoal),
  endsAt: Type.Optional(Type.Number()),
});
export type CampaignBody = Static<typeof CampaignBody>;

export const CampaignResponse = Type.Object({ campaign: Campaign });
export type CampaignResponse = Static<typeof CampaignResponse>;

/** One launch check: ok, a warning (launch allowed), or an error (launch refused). */
export const ChecklistItem = Type.Object({
  check: Type.String({ description: 'template_approved | audience_consented | quiet_hours | duration | flow_published | variants' }),
  level: Type.Union([Type.Literal('ok'), Type.Literal('warning'), Type.Literal('error')]),
  message: Type.String(),
});
export type ChecklistItem = Static<typeof ChecklistItem>;

export const ChecklistResponse = Type.Object({
  campaign: Type.String(),
  items: Type.Array(ChecklistItem),
  /** Contacts the filter matches now / of them with a current marketing opt-in. */
  audience: Type.Number(),
  consented: Type.Number(),
  /** At the campaign's share of the number's rate. */
  estimatedDurationMs: Type.Number(),
  ratePerSecond: Type.Number(),
  canLaunch: Type.Boolean(),
});
export type ChecklistResponse = Static<typeof ChecklistResponse>;

export const CampaignActionBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) });
export type CampaignActionBody = Static<typeof CampaignActionBody>;

export const CampaignResultsResponse = CampaignResults;
export type CampaignResultsResponse = Static<typeof CampaignResultsResponse>;

/** PATCH /api/campaigns/:id: a draft's fields to change (left out: unchanged). */
export const CampaignPatchBody = Type.Partial(Type.Omit(CampaignBody, ['id']));
export type CampaignPatchBody = Static<typeof CampaignPatchBody>;

export const CampaignListQuery = Type.Object({
  tenant: Type.Optional(Type.String({ description: 'Tenant id; default the first tenant' })),
  status: Type.Optional(CampaignStatus),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});
export type CampaignListQuery = Static<typeof CampaignListQuery>;
