/** The contacts table's rows as the contract's ContactRecord (consent joined from consent_state). */
import type { ConsentPurpose, ConsentState, ContactChannel, ContactRecord, CustomFieldValue } from '@parley/contract';

/** Columns of `contacts c` plus its consent state as one jsonb (a correlated subquery on the primary key). */
export const CONTACT_COLUMNS = `c.id, c.tenant, c.channel, c.address, c.name, c.language, c.timezone, c.tags, c.fields,
  c.first_seen_at, c.last_seen_at, c.last_inbound_at, c.source, c.created_at, c.updated_at,
  (SELECT jsonb_object_agg(s.purpose, jsonb_build_object('status', s.status, 'at', s.at, 'eventId', s.event_id))
     FROM consent_state s WHERE s.tenant = c.tenant AND s.contact_id = c.id) AS consent`;

export interface ContactRow {
  id: string;
  tenant: string;
  channel: ContactChannel;
  address: string;
  name: string | null;
  language: string | null;
  timezone: string | null;
  tags: string[];
  fields: Record<string, CustomFieldValue>;
  first_seen_at: number | null;
  last_seen_at: number | null;
  last_inbound_at: number | null;
  source: ContactRecord['source'];
  created_at: number;
  updated_at: number;
  consent: Partial<Record<ConsentPurpose, { status: 'opted_in' | 'opted_out'; at: number; eventId: number }>> | null;
}

export function toContact(row: ContactRow): ContactRecord {
  const consent: ConsentState = { marketing: { status: 'none' }, utility: { status: 'none' } };
  for (const purpose of ['marketing', 'utility'] as const) {
    const state = row.consent?.[purpose];
    if (state) consent[purpose] = { status: state.status, at: Number(state.at), eventId: Number(state.eventId) };
  }
  return {
    id: row.id,
    tenant: row.tenant,
    channel: row.channel,
    address: row.address,
    ...(row.name != null ? { name: row.name } : {}),
    ...(row.language != null ? { language: row.language } : {}),
    ...(row.timezone != null ? { timezone: row.timezone } : {}),
    tags: row.tags ?? [],
    fields: row.fields ?? {},
    consent,
    ...(row.first_seen_at != null ? { firstSeenAt: row.first_seen_at } : {}),
    ...(row.last_seen_at != null ? { lastSeenAt: row.last_seen_at } : {}),
    ...(row.last_inbound_at != null ? { lastInboundAt: row.last_inbound_at } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    source: row.source,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Contact ids are uuids: anything else is no contact (and must not reach a uuid cast, which would throw). */
export function isContactId(id: string): boolean {
  return UUID.test(id);
}
