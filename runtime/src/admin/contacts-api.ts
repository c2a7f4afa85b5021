/**
 * /api/contacts and /api/contact-fields: list (search, saved segment or ad-hoc filter, pages),
 * create or update by address, read, patch, a contact's timeline, and the tenant's custom field
 * definitions. Every route answers 503 `no_database` when the process runs without records.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { CustomFieldDefinition, SegmentFilter } from '@parley/contract';
import {
  ContactIdParams,
  ContactListQuery,
  ContactListResponse,
  ContactPatchBody,
  ContactResponse,
  ContactUpsertBody,
  ErrorEnvelope,
  FieldsBody,
  FieldsResponse,
  TenantQuery,
  TimelineQuery,
  TimelineResponse,
} from '@parley/contract/api';
import type { ResolvedTenant } from '../config/types';
import { listFieldDefinitions, putFieldDefinitions } from '../contacts/fields';
import { ContactInputError, getContact, listContacts, patchContact, upsertContact } from '../contacts/repository';
import { contactTimeline } from '../contacts/timeline';
import type { Sql } from '../db/sql';
import type { RuntimeContext } from '../platform/context';
import { compileFilter, SegmentFilterError } from '../segments/compile';
import { sendError } from './errors';

const tags = ['contacts'];

/** The database and the tenant a request names, or null when the error reply is sent (503 no database, 404 unknown tenant). */
export function recordsScope(
  ctx: RuntimeContext,
  reply: FastifyReply,
  tenantId: string | undefined,
): { db: Sql; tenant: ResolvedTenant } | null {
  if (!ctx.db) {
    sendError(reply, 503, 'no_database', 'this process keeps no business records (no database is open)');
    return null;
  }
  const tenant = tenantId === undefined ? ctx.tenants[0] : ctx.tenants.find((t) => t.id === tenantId);
  if (!tenant) {
    sendError(reply, 404, 'unknown_tenant', `no tenant "${tenantId ?? ''}" in parley.config.json`);
    return null;
  }
  return { db: ctx.db, tenant };
}

export async function contactsApi(scope: FastifyInstance, ctx: RuntimeContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const errors = { 400: ErrorEnvelope, 404: ErrorEnvelope, 503: ErrorEnvelope };
  const defaultCountry = (tenant: ResolvedTenant) => (tenant.marketing ?? ctx.config.marketing).defaultCountry;
  const invalid = (reply: FastifyReply, err: unknown) => {
    if (err instanceof ContactInputError)
      return sendError(reply, 400, 'invalid_contact', err.message, { details: { path: err.path, problem: err.problem } });
    throw err;
  };

  app.get(
    '/api/contacts',
    {
      schema: {
        tags,
        summary: 'Contacts, newest first: free-text search (name, number, tag), a saved segment and/or an ad-hoc filter, in pages',
        querystring: ContactListQuery,
        response: { 200: ContactListResponse, ...errors },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      const filters: SegmentFilter[] = [];
      if (req.query.segment) {
        const { rows } = await s.db.query<{ filter: SegmentFilter }>('SELECT filter FROM segments WHERE tenant = $1 AND id = $2', [
          s.tenant.id,
          req.query.segment,
        ]);
        if (!rows[0]) return sendError(reply, 404, 'unknown_segment', `no segment "${req.query.segment}" in tenant ${s.tenant.id}`);
        filters.push(rows[0].filter);
      }
      if (req.query.filter) {
        try {
          filters.push(JSON.parse(req.query.filter) as SegmentFilter);
        } catch (err) {
          return sendError(reply, 400, 'bad_filter', `filter: expected a segment filter as JSON (${(err as Error).message})`);
        }
      }
      let where: { sql: string; params: unknown[] } | undefined;
      try {
        where = await compileAll(s.db, s.tenant.id, filters, ctx.now());
      } catch (err) {
        if (err instanceof SegmentFilterError) return sendError(reply, 400, 'bad_filter', err.message, { details: { path: err.path } });
        throw err;
      }
      try {
        return await listContacts(s.db, s.tenant.id, {
          ...(req.query.q ? { q: req.query.q } : {}),
          ...(where ? { where } : {}),
          limit: Math.min(Number(req.query.limit ?? 50), 500),
          ...(req.query.cursor ? { cursor: req.query.cursor } : {}),
        });
      } catch (err) {
        return invalid(reply, err);
      }
    },
  );

  app.post(
    '/api/contacts',
    {
      schema: {
        tags,
        summary: 'Creates a contact, or updates the one with the same channel and address (number normalized to E.164)',
        querystring: TenantQuery,
        body: ContactUpsertBody,
        response: { 200: ContactResponse, 201: ContactResponse, ...errors },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      try {
        const country = defaultCountry(s.tenant);
        const { contact, created } = await upsertContact(
          s.db,
          s.tenant.id,
          req.body,
          ctx.now(),
          'api',
          country ? { defaultCountry: country } : {},
        );
        return reply.code(created ? 201 : 200).send({ contact });
      } catch (err) {
        return invalid(reply, err);
      }
    },
  );

  app.get(
    '/api/contacts/:id',
    {
      schema: {
        tags,
        summary: 'One contact with its consent state',
        params: ContactIdParams,
        querystring: TenantQuery,
        response: { 200: ContactResponse, ...errors },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      const contact = await getContact(s.db, s.tenant.id, req.params.id);
      return contact ? { contact } : unknownContact(reply, req.params.id);
    },
  );

  app.patch(
    '/api/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Changes the attributes given: name, language, time zone, tags (replaced), custom fields (merged)',
        params: ContactIdParams,
        querystring: TenantQuery,
        body: ContactPatchBody,
        response: { 200: ContactResponse, ...errors },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      try {
        const contact = await patchContact(s.db, s.tenant.id, req.params.id, req.body, ctx.now());
        return contact ? { contact } : unknownContact(reply, req.params.id);
      } catch (err) {
        return invalid(reply, err);
      }
    },
  );

  app.get(
    '/api/contacts/:id/timeline',
    {
      schema: {
        tags,
        summary: "A contact's timeline, newest first: flows, nodes, buttons, messages, consent and campaigns",
        params: ContactIdParams,
        querystring: TimelineQuery,
        response: { 200: TimelineResponse, ...errors },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      if (!(await getContact(s.db, s.tenant.id, req.params.id))) return unknownContact(reply, req.params.id);
      return {
        entries: await contactTimeline(s.db, s.tenant.id, req.params.id, { limit: Math.min(Number(req.query.limit ?? 200), 1000) }),
      };
    },
  );

  app.get(
    '/api/contact-fields',
    {
      schema: {
        tags,
        summary: "The tenant's custom contact fields, in order",
        querystring: TenantQuery,
        response: { 200: FieldsResponse, ...errors },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      return { fields: await listFieldDefinitions(s.db, s.tenant.id) };
    },
  );

  app.put(
    '/api/contact-fields',
    {
      schema: {
        tags,
        summary: "Replaces the tenant's custom contact fields (values already on contacts stay)",
        querystring: TenantQuery,
        body: FieldsBody,
        response: { 200: FieldsResponse, ...errors },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      try {
        return { fields: await putFieldDefinitions(s.db, s.tenant.id, req.body.fields) };
      } catch (err) {
        if (err instanceof ContactInputError) return sendError(reply, 400, 'invalid_fields', err.message, { details: { path: err.path } });
        throw err;
      }
    },
  );
}

/** Filters joined with AND, as one expression whose placeholders start at $2 (listContacts' $1 is the tenant). */
async function compileAll(
  db: Sql,
  tenant: string,
  filters: SegmentFilter[],
  now: number,
): Promise<{ sql: string; params: unknown[] } | undefined> {
  if (filters.length === 0) return undefined;
  const fields: CustomFieldDefinition[] = await listFieldDefinitions(db, tenant);
  const params: unknown[] = [];
  const parts = filters.map((filter) => {
    const compiled = compileFilter(filter, { tenant, now, fields, firstParam: 2 + params.length });
    params.push(...compiled.params);
    return `(${compiled.sql})`;
  });
  return { sql: parts.join(' AND '), params };
}

function unknownContact(reply: FastifyReply, id: string): FastifyReply {
  return sendError(reply, 404, 'unknown_contact', `no contact "${id}"`);
}
