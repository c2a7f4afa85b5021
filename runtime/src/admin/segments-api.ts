/**
 * /api/segments: saved filters over contacts (list with counts, read, save, delete) and the
 * segment builder's live preview. A filter that cannot be evaluated is a 400 `bad_filter` naming
 * its path (`conditions[2].value`) and what was expected. 503 `no_database` without records.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  DeleteResult,
  ErrorEnvelope,
  SegmentBody,
  SegmentIdParams,
  SegmentListResponse,
  SegmentPreviewBody,
  SegmentPreviewResponse,
  SegmentResponse,
  TenantQuery,
} from '@parley/contract/api';
import type { RuntimeContext } from '../platform/context';
import { SegmentFilterError } from '../segments/compile';
import { countSegment, deleteSegment, getSegment, listSegments, previewFilter, putSegment } from '../segments/repository';
import { recordsScope } from './contacts-api';
import { sendError } from './errors';

const tags = ['segments'];
const SEGMENT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export async function segmentsApi(scope: FastifyInstance, ctx: RuntimeContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const errors = { 400: ErrorEnvelope, 404: ErrorEnvelope, 503: ErrorEnvelope };
  const badFilter = (reply: FastifyReply, err: unknown) => {
    if (err instanceof SegmentFilterError) {
      return sendError(reply, 400, 'bad_filter', err.message, { details: { path: err.path, expected: err.expected } });
    }
    throw err;
  };

  app.get(
    '/api/segments',
    {
      schema: {
        tags,
        summary: 'The saved segments with how many contacts each matches now (no count when a filter no longer fits the fields)',
        querystring: TenantQuery,
        response: { 200: SegmentListResponse, ...errors },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      const now = ctx.now();
      const segments = await listSegments(s.db, s.tenant.id);
      const counted = await Promise.all(
        segments.map(async (segment) => {
          try {
            return { ...segment, count: await countSegment(s.db, s.tenant.id, segment.filter, now) };
          } catch (err) {
            if (!(err instanceof SegmentFilterError)) throw err;
            ctx.log.warn({ tenant: s.tenant.id, segment: segment.id, problem: err.message }, 'a saved segment no longer compiles');
            return segment;
          }
        }),
      );
      return { segments: counted };
    },
  );

  app.post(
    '/api/segments/preview',
    {
      schema: {
        tags,
        summary: 'A filter’s live count, how many of them have a marketing opt-in, and the newest matching contacts',
        querystring: TenantQuery,
        body: SegmentPreviewBody,
        response: { 200: SegmentPreviewResponse, ...errors },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      try {
        return await previewFilter(s.db, s.tenant.id, req.body.filter, ctx.now(), req.body.sample ?? 10);
      } catch (err) {
        return badFilter(reply, err);
      }
    },
  );

  app.get(
    '/api/segments/:id',
    {
      schema: {
        tags,
        summary: 'One saved segment',
        params: SegmentIdParams,
        querystring: TenantQuery,
        response: { 200: SegmentResponse, ...errors },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      const segment = await getSegment(s.db, s.tenant.id, req.params.id);
      if (!segment) return sendError(reply, 404, 'unknown_segment', `no segment "${req.params.id}" in tenant ${s.tenant.id}`);
      return { segment };
    },
  );

  app.put(
    '/api/segments/:id',
    {
      schema: {
        tags,
        summary: 'Saves a segment (created: 201, replaced: 200); the filter must fit the tenant’s custom fields',
        params: SegmentIdParams,
        querystring: TenantQuery,
        body: SegmentBody,
        response: { 200: SegmentResponse, 201: SegmentResponse, ...errors },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      if (!SEGMENT_ID.test(req.params.id)) {
        return sendError(
          reply,
          400,
          'bad_segment_id',
          `segment id "${req.params.id}" must be lowercase letters, digits, - and _ (1 to 64)`,
        );
      }
      try {
        const { segment, created } = await putSegment(s.db, s.tenant.id, req.params.id, req.body, ctx.now());
        return reply.code(created ? 201 : 200).send({ segment });
      } catch (err) {
        return badFilter(reply, err);
      }
    },
  );

  app.delete(
    '/api/segments/:id',
    {
      schema: {
        tags,
        summary: 'Deletes a segment, unless a draft, scheduled, running or paused campaign reads it (409 with their ids)',
        params: SegmentIdParams,
        querystring: TenantQuery,
        response: { 200: DeleteResult, 409: ErrorEnvelope, ...errors },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      const result = await deleteSegment(s.db, s.tenant.id, req.params.id);
      if ('inUse' in result) {
        return sendError(
          reply,
          409,
          'segment_in_use',
          `segment "${req.params.id}" is the audience of campaign(s) ${result.inUse.join(', ')}`,
          {
            details: { campaigns: result.inUse },
          },
        );
      }
      if (!result.deleted) return sendError(reply, 404, 'unknown_segment', `no segment "${req.params.id}" in tenant ${s.tenant.id}`);
      return { deleted: true as const };
    },
  );
}
