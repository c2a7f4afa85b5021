/**
 * The runtime's campaigns API (GET/POST /api/campaigns, GET/PATCH /api/campaigns/:id, the launch
 * checklist, launch / pause / resume / cancel, live results) and the two segment routes the
 * campaign form needs (the saved segments and a filter's live count), typed with
 * @parley/contract/api. Like templates.ts it only needs the client's authenticated request.
 */
import type { SegmentFilter } from '@parley/contract';
import type {
  CampaignBody,
  CampaignListResponse,
  CampaignResponse,
  CampaignResultsResponse,
  ChecklistResponse,
  SegmentListResponse,
  SegmentPreviewResponse,
} from '@parley/contract/api';
import type { ApiClient } from './client';

export type { CampaignBody, CampaignListResponse, CampaignResponse, CampaignResultsResponse, ChecklistResponse, SegmentListResponse };

/** What a marketer can do to a campaign once it is saved. */
export type CampaignAction = 'launch' | 'pause' | 'resume' | 'cancel';

const enc = encodeURIComponent;

export const campaignsApi = (api: ApiClient) => ({
  list: () => api.request<CampaignListResponse>('GET', '/campaigns'),
  get: (id: string) => api.request<CampaignResponse>('GET', `/campaigns/${enc(id)}`),
  create: (body: CampaignBody) => api.request<CampaignResponse>('POST', '/campaigns', body),
  /** Drafts only: the runtime refuses (409) once the campaign left draft. The id is the URL's, not the body's. */
  update: (id: string, { id: _, ...fields }: CampaignBody) => api.request<CampaignResponse>('PATCH', `/campaigns/${enc(id)}`, fields),
  checklist: (id: string) => api.request<ChecklistResponse>('GET', `/campaigns/${enc(id)}/checklist`),
  act: (id: string, action: CampaignAction, reason?: string) =>
    api.request<CampaignResponse>('POST', `/campaigns/${enc(id)}/${action}`, reason ? { reason } : {}),
  results: (id: string) => api.request<CampaignResultsResponse>('GET', `/campaigns/${enc(id)}/results`),
  segments: () => api.request<SegmentListResponse>('GET', '/segments'),
  /** The filter's count and how many of them can receive marketing now; no sample rows. */
  previewAudience: (filter: SegmentFilter) => api.request<SegmentPreviewResponse>('POST', '/segments/preview', { filter, sample: 0 }),
});

export type CampaignsApi = ReturnType<typeof campaignsApi>;
