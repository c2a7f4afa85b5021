/**
 * /api/contacts/:id/consent: a contact's consent state and ledger, and an opt-in or opt-out
 * recorded by an agent or an API client (an opt-in needs the words the person agreed to). 503
 * `no_database` without records; 404 for an unknown tenant or contact.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ContactChannel } from '@parley/contract';
import { ConsentRecordBody, ConsentResponse, ContactIdParams, ErrorEnvelope, TenantQuery } from '@parley/contract/api';
import { consentEvents, consentOf, recordConsent } from '../consent/ledger';
import type { Sql } from '../db/sql';
import type { RuntimeContext } from '../platform/context';
import { recordsScope } from './contacts-api';
import { sendError } from './errors';

const tags = ['contacts'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function consentApi(scope: FastifyInstance, ctx: RuntimeContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  /** The contact's channel, or null with the 404 sent. */
  const contactChannel = async (reply: FastifyReply, db: Sql, tenant: string, id: string): Promise<ContactChannel | null> => {
    const { rows } = UUID.test(id)
      ? await db.query<{ channel: ContactChannel }>('SELECT channel FROM contacts WHERE tenant = $1 AND id = $2', [tenant, id])
      : { rows: [] };
    if (rows[0]) return rows[0].channel;
    sendError(reply, 404, 'unknown_contact', `no contact ${id} in tenant ${tenant}`);
    return null;
  };
  const response = async (db: Sql, tenant: string, id: string) => ({
    contactId: id,
    state: await consentOf(db, tenant, id),
    events: await consentEvents(db, tenant, id),
  });

  app.get(
    '/api/contacts/:id/consent',
    {
      schema: {
        tags,
        summary: 'A contact’s consent per purpose (marketing, utility) and its ledger, newest first',
        params: ContactIdParams,
        querystring: TenantQuery,
        response: { 200: ConsentResponse, 404: ErrorEnvelope, 503: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      if (!(await contactChannel(reply, s.db, s.tenant.id, req.params.id))) return reply;
      return response(s.db, s.tenant.id, req.params.id);
    },
  );

  app.post(
    '/api/contacts/:id/consent',
    {
      schema: {
        tags,
        summary: 'Record an opt-in or opt-out (source api or agent; an opt-in needs the wording the person agreed to)',
        params: ContactIdParams,
        querystring: TenantQuery,
        body: ConsentRecordBody,
        response: { 200: ConsentResponse, 400: ErrorEnvelope, 404: ErrorEnvelope, 503: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const s = recordsScope(ctx, reply, req.query.tenant);
      if (!s) return reply;
      const { purpose, action, source } = req.body;
      const wording = req.body.wording?.trim();
      if (action === 'opt_in' && !wording)
        return sendError(
          reply,
          400,
          'wording_required',
          'an opt-in needs `wording`: the words the person agreed to (e.g. the checkbox text)',
        );
      const channel = await contactChannel(reply, s.db, s.tenant.id, req.params.id);
      if (!channel) return reply;
      await recordConsent(s.db, {
        tenant: s.tenant.id,
        contactId: req.params.id,
        purpose,
        action,
        channel,
        source: source ?? 'api',
        sourceDetail: { [source === 'agent' ? 'agent' : 'user']: ctx.admin.user },
        ...(wording ? { wording } : {}),
        recordedBy: ctx.admin.user,
        at: ctx.now(),
      });
      return response(s.db, s.tenant.id, req.params.id);
    },
  );
}
