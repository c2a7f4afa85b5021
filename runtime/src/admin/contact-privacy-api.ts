/**
 * A person's rights (GDPR/LGPD): GET /api/contacts/:id/export — everything Parley holds about
 * them, Redis included; DELETE /api/contacts/:id — erased everywhere, keeping only an anonymized
 * suppression entry so an old import does not bring them back. 503 `no_database` without records.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ContactExport, ContactIdParams, EraseReport, ErrorEnvelope } from '@parley/contract/api';
import { eraseContact } from '../contacts/erase';
import { exportContact } from '../contacts/export';
import type { RuntimeContext } from '../platform/context';
import { recordsScope } from './contacts-api';
import { sendError } from './errors';

const tags = ['contacts'];
const TenantOnly = Type.Object({ tenant: Type.Optional(Type.String()) });

export async function contactPrivacyApi(scope: FastifyInstance, ctx: RuntimeContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const unknown = (reply: Parameters<typeof sendError>[0], id: string, tenant: string) =>
    sendError(reply, 404, 'unknown_contact', `no contact "${id}" in tenant ${tenant}`);

  app.get(
    '/api/contacts/:id/export',
    {
      schema: {
        tags,
        summary:
          "Everything Parley holds about a person (access request): contact, consent ledger, activity, campaigns, sends, and the conversation's state",
        params: ContactIdParams,
        querystring: TenantOnly,
        response: { 200: ContactExport, 404: ErrorEnvelope, 503: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      const data = await exportContact({ sql: s.db, privacy: ctx.stores.privacy }, s.tenant.id, req.params.id, ctx.now());
      if (!data) return unknown(reply, req.params.id, s.tenant.id);
      void reply.header('content-disposition', `attachment; filename="contact-${req.params.id}.json"`);
      return data;
    },
  );

  app.delete(
    '/api/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Erases a person everywhere (database rows and Redis keys); only an anonymized suppression entry remains',
        params: ContactIdParams,
        querystring: TenantOnly,
        response: { 200: EraseReport, 404: ErrorEnvelope, 503: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      const report = await eraseContact({ sql: s.db, privacy: ctx.stores.privacy }, s.tenant.id, req.params.id, {
        actor: ctx.admin.user,
        now: ctx.now(),
      });
      if (!report) return unknown(reply, req.params.id, s.tenant.id);
      ctx.log.info({ tenant: s.tenant.id, contact: report.contactId, keys: report.keys }, 'contact erased');
      return report;
    },
  );
}
