/**
 * A person's access request (GDPR/LGPD): everything Parley holds about a contact — the contact,
 * the consent ledger, what they did, the campaigns that reached them, marketing sends made and
 * refused, audit entries, and the hot state of their conversation in Redis (session, inbox,
 * outbox, message states, desk transcript, dead letters).
 */
import type { ContactExport, TimelineEntry } from '@parley/contract/api';
import { consentEvents } from '../consent/ledger';
import type { Sql } from '../db/sql';
import type { PrivacyStore } from '../stores';
import { conversationOf } from './addresses';
import { getContact, isContactId } from './repository';

export interface PrivacyDeps {
  sql: Sql;
  privacy: PrivacyStore;
}

/** Every row, not a page: an access request is answered in full. */
const ALL = 1_000_000;

interface ActivityRow {
  kind: string;
  flow_id: string | null;
  node_id: string | null;
  campaign_id: string | null;
  value: string | null;
  at: number;
}

export async function exportContact(deps: PrivacyDeps, tenant: string, contactId: string, now: number): Promise<ContactExport | null> {
  if (!isContactId(contactId)) return null;
  const contact = await getContact(deps.sql, tenant, contactId);
  if (!contact) return null;
  const byContact = [tenant, contactId];
  const conv = conversationOf(tenant, contact.channel, contact.address);
  const [consent, activity, campaigns, marketingSends, suppressedSends, audit, conversation] = await Promise.all([
    consentEvents(deps.sql, tenant, contactId, { limit: ALL }),
    deps.sql.query<ActivityRow>(
      'SELECT kind, flow_id, node_id, campaign_id, value, at FROM contact_activity WHERE tenant = $1 AND contact_id = $2 ORDER BY at, id',
      byContact,
    ),
    deps.sql.query(
      `SELECT r.*, c.name AS campaign_name FROM campaign_recipients r
         LEFT JOIN campaigns c ON c.tenant = r.tenant AND c.id = r.campaign_id
        WHERE r.tenant = $1 AND r.contact_id = $2 ORDER BY r.due_at`,
      byContact,
    ),
    deps.sql.query('SELECT * FROM marketing_sends WHERE tenant = $1 AND (contact_id = $2 OR conversation = $3) ORDER BY at', [
      ...byContact,
      conv,
    ]),
    deps.sql.query('SELECT * FROM suppressed_sends WHERE tenant = $1 AND (contact_id = $2 OR conversation = $3) ORDER BY at, id', [
      ...byContact,
      conv,
    ]),
    deps.sql.query('SELECT at, actor, action, subject, detail FROM audit_log WHERE tenant = $1 AND subject = $2 ORDER BY at, id', [
      tenant,
      `contact:${contactId}`,
    ]),
    deps.privacy.exportConversation(conv),
  ]);
  return {
    exportedAt: now,
    contact,
    consent: consent.reverse(),
    activity: activity.rows.map(activityEntry),
    campaigns: campaigns.rows.map(withoutTenant),
    conversations: [{ ...conversation }],
    marketingSends: marketingSends.rows.map(withoutTenant),
    suppressedSends: suppressedSends.rows.map(withoutTenant),
    audit: audit.rows,
  };
}

function activityEntry(row: ActivityRow): TimelineEntry {
  const parts = [row.flow_id && `flow ${row.flow_id}`, row.node_id && `node ${row.node_id}`, row.value && `"${row.value}"`];
  return {
    at: row.at,
    kind: row.kind,
    summary: `${row.kind.replace(/_/g, ' ')}${parts.some(Boolean) ? `: ${parts.filter(Boolean).join(', ')}` : ''}`,
    ...(row.flow_id ? { flow: row.flow_id } : {}),
    ...(row.node_id ? { node: row.node_id } : {}),
    ...(row.campaign_id ? { campaign: row.campaign_id } : {}),
  };
}

function withoutTenant(row: Record<string, unknown>): Record<string, unknown> {
  const { tenant: _tenant, ...rest } = row;
  return rest;
}
