/**
 * /api/campaigns: drafts (list, create, read, edit), the launch checklist, launch / pause /
 * resume / cancel, and live results. See docs/campaigns.md. Without a database every route
 * answers 503 `no_database`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CampaignActionBody,
  CampaignBody,
  CampaignIdParams,
  CampaignListQuery,
  CampaignListResponse,
  CampaignPatchBody,
  CampaignResponse,
  CampaignResultsResponse,
  ChecklistResponse,
  ErrorEnvelope,
  TenantQuery,
} from '@parley/contract/api';
import type { CampaignStatus } from '@parley/contract';
import { checklist } from '../campaigns/checklist';
import { launchCampaign } from '../campaigns/launch';
import { createDraft, listCampaigns, requireCampaign, transition, updateDraft } from '../campaigns/repository';
import { campaignResults } from '../campaigns/results';
import { CampaignError } from '../campaigns/rows';
import { draftProblems } from '../campaigns/validate';
import type { Sql } from '../db/sql';
import type { RuntimeContext } from '../platform/context';
import { sendError } from './errors';

const tags = ['campaigns'];
const errors = { 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope, 503: ErrorEnvelope };

export async function campaignsApi(scope: FastifyInstance, ctx: RuntimeContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  /** The database and the tenant a request names, or the reply already sent. */
  const target = (reply: FastifyReply, tenantId: string | undefined): { sql: Sql; tenant: string } | null => {
    if (!ctx.db) {
      sendError(reply, 503, 'no_database', 'campaigns need the database (DATABASE_URL or embedded PGlite)');
      return null;
    }
    const tenant = tenantId === undefined ? ctx.tenants[0] : ctx.tenants.find((t) => t.id === tenantId);
    if (!tenant) {
      sendError(reply, 404, 'unknown_tenant', `no tenant "${tenantId ?? ''}" in parley.config.json`);
      return null;
    }
    return { sql: ctx.db, tenant: tenant.id };
  };

  /** Runs an operation; a refused one answers its status with the reason. */
  const answer = async <T>(reply: FastifyReply, op: () => Promise<T>): Promise<T | FastifyReply> => {
    try {
      return await op();
    } catch (err) {
      if (err instanceof CampaignError)
        return sendError(reply, err.status, err.code, err.message, err.details !== undefined ? { details: err.details } : {});
      throw err;
    }
  };

  const invalid = (reply: FastifyReply, problems: Array<{ path: string; message: string }>): FastifyReply =>
    sendError(reply, 422, 'invalid_campaign', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { details: problems });

  app.get(
    '/api/campaigns',
    {
      schema: {
        tags,
        summary: 'Campaigns, newest first',
        querystring: CampaignListQuery,
        response: { 200: CampaignListResponse, ...errors },
      },
    },
    async (req, reply) => {
      const t = target(reply, req.query.tenant);
      if (!t) return reply;
      const opts = { ...(req.query.status ? { status: req.query.status } : {}), ...(req.query.limit ? { limit: req.query.limit } : {}) };
      return { campaigns: await listCampaigns(t.sql, t.tenant, opts) };
    },
  );

  app.post(
    '/api/campaigns',
    {
      schema: {
        tags,
        summary: 'Create a draft campaign (422 with each problem: variants, flows, templates, schedule, audience, goal)',
        querystring: TenantQuery,
        body: CampaignBody,
        response: { 201: CampaignResponse, ...errors },
      },
    },
    async (req, reply) => {
      const t = target(reply, req.query.tenant);
      if (!t) return reply;
      const problems = await draftProblems(ctx, req.body);
      if (problems.length > 0) return invalid(reply, problems);
      return answer(reply, async () => {
        const campaign = await createDraft(t.sql, t.tenant, req.body, ctx.admin.user, ctx.now());
        return reply.code(201).send({ campaign });
      });
    },
  );

  app.get(
    '/api/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'One campaign',
        params: CampaignIdParams,
        querystring: TenantQuery,
        response: { 200: CampaignResponse, ...errors },
      },
    },
    async (req, reply) => {
      const t = target(reply, req.query.tenant);
      if (!t) return reply;
      return answer(reply, async () => ({ campaign: await requireCampaign(t.sql, t.tenant, req.params.id) }));
    },
  );

  app.patch(
    '/api/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft (409 not_a_draft once launched)',
        params: CampaignIdParams,
        querystring: TenantQuery,
        body: CampaignPatchBody,
        response: { 200: CampaignResponse, ...errors },
      },
    },
    async (req, reply) => {
      const t = target(reply, req.query.tenant);
      if (!t) return reply;
      return answer(reply, async () => {
        const current = await requireCampaign(t.sql, t.tenant, req.params.id);
        const merged = { ...current, ...req.body };
        if (req.body.segment !== undefined) delete merged.filter;
        if (req.body.filter !== undefined) delete merged.segment;
        const problems = await draftProblems(ctx, merged);
        if (problems.length > 0) return invalid(reply, problems);
        return { campaign: await updateDraft(t.sql, t.tenant, req.params.id, req.body, ctx.admin.user, ctx.now()) };
      });
    },
  );

  app.get(
    '/api/campaigns/:id/checklist',
    {
      schema: {
        tags,
        summary: 'The launch checklist: templates approved, audience consented, quiet hours, estimated duration, flows published',
        params: CampaignIdParams,
        querystring: TenantQuery,
        response: { 200: ChecklistResponse, ...errors },
      },
    },
    async (req, reply) => {
      const t = target(reply, req.query.tenant);
      if (!t) return reply;
      return answer(reply, async () => checklist(ctx, t.sql, await requireCampaign(t.sql, t.tenant, req.params.id), ctx.now()));
    },
  );

  app.post(
    '/api/campaigns/:id/launch',
    {
      // No body is fine: the schema is the (optional) reason, like pause/resume/cancel.
      preValidation: async (req) => {
        req.body ??= {};
      },
      schema: {
        tags,
        summary: 'Launch a draft: the checklist must pass (409 launch_refused with its errors); the audience is frozen now',
        params: CampaignIdParams,
        querystring: TenantQuery,
        body: CampaignActionBody,
        response: { 200: CampaignResponse, ...errors },
      },
    },
    async (req, reply) => {
      const t = target(reply, req.query.tenant);
      if (!t) return reply;
      return answer(reply, async () => ({
        campaign: await launchCampaign(ctx, t.sql, t.tenant, req.params.id, ctx.admin.user, ctx.now()),
      }));
    },
  );

  const action = (name: 'pause' | 'resume' | 'cancel', summary: string): void => {
    app.post(
      `/api/campaigns/:id/${name}`,
      {
        // The body (a reason) is optional: a POST without one is the same as `{}`.
        preValidation: async (req) => {
          req.body ??= {};
        },
        schema: {
          tags,
          summary,
          params: CampaignIdParams,
          querystring: TenantQuery,
          body: CampaignActionBody,
          response: { 200: CampaignResponse, ...errors },
        },
      },
      async (req, reply) => {
        const t = target(reply, req.query.tenant);
        if (!t) return reply;
        return answer(reply, async () => {
          const current = await requireCampaign(t.sql, t.tenant, req.params.id);
          const to: CampaignStatus =
            name === 'pause'
              ? 'paused'
              : name === 'cancel'
                ? 'cancelled'
                : current.schedule.type === 'recurring' && current.parentId === undefined
                  ? 'scheduled'
                  : 'running';
          const from: CampaignStatus[] =
            name === 'resume' ? ['paused'] : name === 'pause' ? ['running', 'scheduled'] : ['draft', 'scheduled', 'running', 'paused'];
          const reason = req.body?.reason ?? (name === 'pause' ? `paused by ${ctx.admin.user}` : undefined);
          return {
            campaign: await transition(t.sql, t.tenant, req.params.id, to, {
              actor: ctx.admin.user,
              now: ctx.now(),
              from,
              ...(reason ? { reason } : {}),
            }),
          };
        });
      },
    );
  };
  action('pause', 'Pause the fan-out (messages already queued still go)');
  action('resume', 'Resume a paused campaign');
  action('cancel', 'Cancel: nobody else is messaged; pending recipients are recorded as campaign_ended');

  app.get(
    '/api/campaigns/:id/results',
    {
      schema: {
        tags,
        summary:
          'Results per variant and in total: audience, suppressed by reason, sent, delivered, read, replied, opted out, converted, failed',
        params: CampaignIdParams,
        querystring: TenantQuery,
        response: { 200: CampaignResultsResponse, ...errors },
      },
    },
    async (req, reply) => {
      const t = target(reply, req.query.tenant);
      if (!t) return reply;
      return answer(reply, async () => campaignResults(ctx, t.sql, t.tenant, req.params.id, ctx.now()));
    },
  );
}
