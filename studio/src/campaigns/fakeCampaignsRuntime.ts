/**
 * For the studio's unit tests: the runtime's campaign routes (contract @parley/contract/api
 * campaigns.ts) and the routes the form reads (flows, templates, segments, segment preview) over a
 * fetch function, with campaigns kept in memory. A test sets the checklist and the results the
 * runtime would answer, and reads `calls` to see what the page sent.
 */
import type { Campaign, CampaignResults, Funnel, Segment } from '@parley/contract';
import type { CampaignBody, ChecklistResponse, FlowSummary, SegmentPreviewResponse, TemplateSummary } from '@parley/contract/api';

interface Call {
  method: string;
  path: string;
  body: unknown;
}

export interface FakeCampaignsRuntime {
  fetch: typeof fetch;
  calls: Call[];
  campaigns: Map<string, Campaign>;
  flows: FlowSummary[];
  templates: TemplateSummary[];
  segments: Array<Segment & { count?: number }>;
  /** Per segment filter (by JSON) the preview's answer; default: count 0. */
  previews: Map<string, Omit<SegmentPreviewResponse, 'sample' | 'tookMs'>>;
  /** What GET …/checklist answers (campaign id filled in). */
  checklist: Omit<ChecklistResponse, 'campaign'>;
  /** What GET …/results answers for a campaign, when set. */
  results: Map<string, Omit<CampaignResults, 'campaign' | 'status'>>;
  /** The next request to this path (e.g. 'POST /campaigns') answers with this error. */
  refuse: Map<string, { status: number; code: string; message: string }>;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function emptyFunnel(patch: Partial<Funnel> = {}): Funnel {
  return {
    audience: 0,
    suppressed: 0,
    suppressedBy: {},
    pending: 0,
    queued: 0,
    sent: 0,
    delivered: 0,
    read: 0,
    replied: 0,
    optedOut: 0,
    converted: 0,
    failed: 0,
    failedBy: {},
    ...patch,
  };
}

export function fakeCampaignsRuntime(
  init: Partial<Pick<FakeCampaignsRuntime, 'flows' | 'templates' | 'segments'>> = {},
): FakeCampaignsRuntime {
  const fake: FakeCampaignsRuntime = {
    calls: [],
    campaigns: new Map(),
    flows: init.flows ?? [],
    templates: init.templates ?? [],
    segments: init.segments ?? [],
    previews: new Map(),
    checklist: { items: [], audience: 0, consented: 0, estimatedDurationMs: 0, ratePerSecond: 40, canLaunch: true },
    results: new Map(),
    refuse: new Map(),
    fetch: async (input, init) => {
      const url = new URL(String(input), 'http://studio.test');
      const path = url.pathname.replace(/^\/api/, '');
      const method = init?.method ?? 'GET';
      const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
      fake.calls.push({ method, path, body });
      const refusal = fake.refuse.get(`${method} ${path}`);
      if (refusal) {
        fake.refuse.delete(`${method} ${path}`);
        return json(refusal.status, { error: { code: refusal.code, message: refusal.message } });
      }
      return answer(fake, method, path, body);
    },
  };
  return fake;
}

function answer(fake: FakeCampaignsRuntime, method: string, path: string, body: unknown): Response {
  if (path === '/flows' && method === 'GET') return json(200, fake.flows);
  if (path === '/templates' && method === 'GET') return json(200, { tenant: 'demo', templates: fake.templates });
  if (path === '/segments' && method === 'GET') return json(200, { segments: fake.segments });
  if (path === '/segments/preview' && method === 'POST') {
    const filter = (body as { filter: unknown }).filter;
    const p = fake.previews.get(JSON.stringify(filter)) ?? { count: 0, consented: 0 };
    return json(200, { ...p, sample: [], tookMs: 3 });
  }
  if (path === '/campaigns' && method === 'GET') return json(200, { campaigns: [...fake.campaigns.values()] });
  if (path === '/campaigns' && method === 'POST') {
    const b = body as CampaignBody;
    if (fake.campaigns.has(b.id)) return json(409, { error: { code: 'exists', message: `A campaign ${b.id} exists.` } });
    const now = Date.now();
    const c: Campaign = { rateShare: 0.5, ...b, tenant: 'demo', status: 'draft', createdBy: 'tester', createdAt: now, updatedAt: now };
    fake.campaigns.set(c.id, c);
    return json(201, { campaign: c });
  }
  const m = /^\/campaigns\/([^/]+)(?:\/([a-z]+))?$/.exec(path);
  const c = m ? fake.campaigns.get(decodeURIComponent(m[1]!)) : undefined;
  if (!m || !c) return json(404, { error: { code: 'not_found', message: `The fake does not answer ${method} ${path}.` } });
  const action = m[2];
  if (!action && method === 'GET') return json(200, { campaign: c });
  if (!action && method === 'PATCH') {
    if (c.status !== 'draft') return json(409, { error: { code: 'not_draft', message: 'Only drafts can change.' } });
    const next = { ...c, ...(body as CampaignBody), updatedAt: Date.now() };
    fake.campaigns.set(c.id, next);
    return json(200, { campaign: next });
  }
  if (action === 'checklist') return json(200, { campaign: c.id, ...fake.checklist });
  if (action === 'results') {
    const r = fake.results.get(c.id) ?? { totals: emptyFunnel(), variants: {}, rate: 0 };
    return json(200, { campaign: c.id, status: c.status, ...r });
  }
  const next = transition(c, action);
  if (!next) return json(409, { error: { code: 'bad_transition', message: `Cannot ${action} a ${c.status} campaign.` } });
  fake.campaigns.set(c.id, next);
  return json(200, { campaign: next });
}

function transition(c: Campaign, action: string | undefined): Campaign | null {
  const now = Date.now();
  if (action === 'launch' && c.status === 'draft') return { ...c, status: 'running', startedAt: now, audienceSize: c.audienceSize ?? 0 };
  if (action === 'pause' && c.status === 'running') return { ...c, status: 'paused', pausedReason: 'Paused by tester' };
  if (action === 'resume' && c.status === 'paused') {
    const { pausedReason: _, ...rest } = c;
    return { ...rest, status: 'running' };
  }
  if (action === 'cancel' && !['completed', 'cancelled'].includes(c.status)) return { ...c, status: 'cancelled', finishedAt: now };
  return null;
}
