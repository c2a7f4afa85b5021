/**
 * /api/templates: the template files with Meta's state per language, one template, save (422 with
 * the issues when invalid), submit to Meta, and the live status stream (SSE). See docs/admin-api.md.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ErrorEnvelope,
  SaveTemplateBody,
  SaveTemplateResponse,
  SubmitTemplateResponse,
  TemplateDetailResponse,
  TemplateListResponse,
  TemplateNameParams,
  TenantQuery,
} from '@parley/contract/api';
import type { ResolvedTenant } from '../config/types';
import type { RuntimeContext } from '../platform/context';
import { TEMPLATE_NAME } from '../templates/files';
import { RuntimeTemplates, wabaIdOf } from '../templates/runtime-templates';
import { saveTemplate } from '../templates/save';
import { summarize, templateUsage } from '../templates/summary';
import { pathParam, sendError } from './errors';

const tags = ['templates'];
const HEARTBEAT_MS = 15_000;

const TemplateEventStream = Type.String({
  description: 'Server-Sent Events: each `event: template` carries a TemplateStatusEvent plus its tenant as data',
});

export async function templatesApi(scope: FastifyInstance, ctx: RuntimeContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  // Before the body's schema: a bad name is refused as a bad name, whatever the body.
  app.addHook('preValidation', async (req, reply) => {
    const name = pathParam(req.params, 'name');
    if (name !== undefined && !TEMPLATE_NAME.test(name))
      return sendError(reply, 400, 'bad_template_name', `template name "${name}" must be lowercase letters, digits and _ (1 to 512)`);
  });

  /** The service and the tenant a request names, or the reply already sent. */
  const context = (reply: FastifyReply, tenantId: string | undefined): { service: RuntimeTemplates; tenant: ResolvedTenant } | null => {
    const service = ctx.templates;
    if (!(service instanceof RuntimeTemplates)) {
      sendError(reply, 503, 'templates_unavailable', 'templates are not loaded in this process');
      return null;
    }
    const tenant = tenantId === undefined ? ctx.tenants[0] : ctx.tenants.find((t) => t.id === tenantId);
    if (!tenant) {
      sendError(reply, 404, 'unknown_tenant', `no tenant "${tenantId ?? ''}" in parley.config.json`);
      return null;
    }
    return { service, tenant };
  };

  app.get(
    '/api/templates',
    {
      schema: {
        tags,
        summary: "Every template file with Meta's status, quality and category per language, its issues and the flows that send it",
        querystring: TenantQuery,
        response: { 200: TemplateListResponse, 404: ErrorEnvelope, 503: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const c = context(reply, req.query.tenant);
      if (!c) return reply;
      const usage = await templateUsage(ctx.flows.dir);
      const templates = await Promise.all(
        c.service.catalog.list().map((entry) => summarize(c.service, c.tenant.id, entry, usage.get(entry.name) ?? [])),
      );
      return { tenant: c.tenant.id, templates };
    },
  );

  // Open streams end when the server closes, so a connected studio cannot stall shutdown.
  const streams = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of streams) res.end();
  });

  app.get(
    '/api/templates/events',
    {
      schema: {
        tags,
        summary: 'Template status, quality and category changes as they are applied (Server-Sent Events)',
        querystring: TenantQuery,
        response: {
          200: { description: 'An event stream', content: { 'text/event-stream': { schema: TemplateEventStream } } },
          404: ErrorEnvelope,
          503: ErrorEnvelope,
        },
      },
    },
    (req, reply) => {
      const c = context(reply, req.query.tenant);
      if (!c) return;
      const only = req.query.tenant;
      reply.hijack();
      const res = reply.raw;
      streams.add(res);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\n');
      const unsubscribe = c.service.onChange((tenant, event) => {
        if (only === undefined || only === tenant) res.write(`event: template\ndata: ${JSON.stringify({ ...event, tenant })}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      const close = (): void => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(res);
      };
      req.raw.on('close', close);
      res.on('error', close);
    },
  );

  app.get(
    '/api/templates/:name',
    {
      schema: {
        tags,
        summary: "One template's file and its summary",
        params: TemplateNameParams,
        querystring: TenantQuery,
        response: { 200: TemplateDetailResponse, 400: ErrorEnvelope, 404: ErrorEnvelope, 503: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const c = context(reply, req.query.tenant);
      if (!c) return reply;
      const entry = c.service.catalog.entry(req.params.name);
      if (!entry) return sendError(reply, 404, 'not_found', `no template ${req.params.name} in the templates folder`);
      const usage = await templateUsage(ctx.flows.dir);
      const template =
        typeof entry.raw === 'object' && entry.raw !== null && !Array.isArray(entry.raw) ? (entry.raw as Record<string, unknown>) : {};
      return { tenant: c.tenant.id, template, summary: await summarize(c.service, c.tenant.id, entry, usage.get(entry.name) ?? []) };
    },
  );

  app.put(
    '/api/templates/:name',
    {
      schema: {
        tags,
        summary: 'Save a template file (validated first: 422 with the issues when it has errors)',
        params: TemplateNameParams,
        querystring: TenantQuery,
        body: SaveTemplateBody,
        response: { 200: SaveTemplateResponse, 400: ErrorEnvelope, 404: ErrorEnvelope, 422: ErrorEnvelope, 503: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const c = context(reply, req.query.tenant);
      if (!c) return reply;
      const { name } = req.params;
      const saved = await saveTemplate(c.service.catalog, c.service.baseDir, name, req.body.template);
      if (!saved.ok) {
        const errors = saved.issues.filter((i) => i.severity === 'error');
        return sendError(
          reply,
          422,
          'invalid_template',
          `template ${name} has ${errors.length} error(s): ${errors[0]?.message ?? 'see details'}`,
          {
            details: saved.issues,
          },
        );
      }
      const usage = await templateUsage(ctx.flows.dir);
      return { summary: await summarize(c.service, c.tenant.id, saved.entry, usage.get(name) ?? []) };
    },
  );

  app.post(
    '/api/templates/:name/submit',
    {
      schema: {
        tags,
        summary: "Submit the template's new or changed languages to Meta (create, or edit where Meta allows) and record Meta's answer",
        params: TemplateNameParams,
        querystring: TenantQuery,
        response: {
          200: SubmitTemplateResponse,
          400: ErrorEnvelope,
          404: ErrorEnvelope,
          409: ErrorEnvelope,
          422: ErrorEnvelope,
          502: ErrorEnvelope,
          503: ErrorEnvelope,
        },
      },
    },
    async (req, reply) => {
      const c = context(reply, req.query.tenant);
      if (!c) return reply;
      const { name } = req.params;
      const entry = c.service.catalog.entry(name);
      if (!entry) return sendError(reply, 404, 'not_found', `no template ${name} in the templates folder`);
      if (!entry.template)
        return sendError(reply, 422, 'invalid_template', `template ${name} has errors; fix them before submitting`, {
          details: entry.issues,
        });
      const wabaId = wabaIdOf(c.tenant);
      if (!wabaId)
        return sendError(
          reply,
          409,
          'no_waba',
          `tenant ${c.tenant.id} has no wabaId: set it on its WhatsApp channel in parley.config.json`,
        );
      const api = c.service.apiFor(c.tenant);
      if (!api)
        return sendError(
          reply,
          503,
          'no_access_token',
          `tenant ${c.tenant.id} has no access token: set the variable its accessTokenEnv names`,
        );
      try {
        return { tenant: c.tenant.id, results: await c.service.submit(c.tenant, name, api, wabaId) };
      } catch (err) {
        // Listing the templates failed (the Graph API's message, never the token).
        return sendError(reply, 502, 'graph_error', `Meta did not answer the template list: ${(err as Error).message}`);
      }
    },
  );
}
