/**
 * Contacts in PostgreSQL: plain functions over `Sql` (a transaction handle works too) returning
 * the contract's ContactRecord. One row per tenant, channel and address; the runtime creates them
 * as people write (`upsertSeen`, in batches after the worker's commit), the API and imports create
 * and edit them, and flows save variables to them (`setContactFields`).
 */
import type { ContactChannel, ContactRecord, CustomFieldDefinition } from '@parley/contract';
import type { ContactPatchBody, ContactUpsertBody } from '@parley/contract/api';
import type { Sql } from '../db/sql';
import { normalizeAddress, timezoneForNumber } from './addresses';
import { checkLanguage, checkName, checkTags, checkTimezone } from './attributes';
import { checkFieldValues, ContactInputError, listFieldDefinitions } from './fields';
import { CONTACT_COLUMNS, isContactId, toContact, type ContactRow } from './rows';

export { ContactInputError } from './fields';
export { isContactId } from './rows';

/** A person seen writing (or being written to): what the message tells about them. */
export interface SeenContact {
  tenant: string;
  channel: ContactChannel;
  address: string;
  /** When: the message's time. */
  at: number;
  /** The person wrote (moves last inbound, the 24-hour window); default true. */
  inbound?: boolean;
  /** The profile name the channel reported: kept only when the contact has none. */
  name?: string;
  /** Kept only when the contact has none (e.g. the language the flow detected). */
  language?: string;
}

export interface SeenResult {
  id: string;
  tenant: string;
  channel: ContactChannel;
  address: string;
  created: boolean;
}

/**
 * Creates or refreshes every contact in one statement: first/last seen, last inbound, and the
 * name, language and time zone (from the number's country) only where the contact has none.
 */
export async function upsertSeen(sql: Sql, rows: readonly SeenContact[], now: number): Promise<SeenResult[]> {
  if (rows.length === 0) return [];
  const merged = new Map<
    string,
    {
      tenant: string;
      channel: ContactChannel;
      address: string;
      name?: string;
      language?: string;
      timezone?: string;
      first_at: number;
      last_at: number;
      inbound_at: number | null;
    }
  >();
  for (const row of rows) {
    const key = `${row.tenant}\n${row.channel}\n${row.address}`;
    const inboundAt = row.inbound === false ? null : row.at;
    const prev = merged.get(key);
    if (!prev) {
      const timezone = row.channel === 'whatsapp' ? timezoneForNumber(row.address) : undefined;
      merged.set(key, {
        tenant: row.tenant,
        channel: row.channel,
        address: row.address,
        name: row.name,
        language: row.language,
        timezone,
        first_at: row.at,
        last_at: row.at,
        inbound_at: inboundAt,
      });
      continue;
    }
    prev.first_at = Math.min(prev.first_at, row.at);
    prev.last_at = Math.max(prev.last_at, row.at);
    if (inboundAt !== null) prev.inbound_at = Math.max(prev.inbound_at ?? inboundAt, inboundAt);
    prev.name = row.name || prev.name;
    prev.language = row.language || prev.language;
  }
  // One order for every writer: two workers upserting overlapping batches cannot deadlock.
  const sorted = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  const { rows: out } = await sql.query<SeenResult>(
    `INSERT INTO contacts AS c (tenant, channel, address, name, language, timezone, first_seen_at, last_seen_at, last_inbound_at, source, created_at, updated_at)
     SELECT r.tenant, r.channel, r.address, r.name, r.language, r.timezone, r.first_at, r.last_at, r.inbound_at, 'message', $2, $2
       FROM jsonb_to_recordset($1::jsonb)
         AS r(tenant text, channel text, address text, name text, language text, timezone text, first_at bigint, last_at bigint, inbound_at bigint)
     ON CONFLICT (tenant, channel, address) DO UPDATE SET
       name = COALESCE(c.name, EXCLUDED.name),
       language = COALESCE(c.language, EXCLUDED.language),
       timezone = COALESCE(c.timezone, EXCLUDED.timezone),
       first_seen_at = LEAST(c.first_seen_at, EXCLUDED.first_seen_at),
       last_seen_at = GREATEST(c.last_seen_at, EXCLUDED.last_seen_at),
       last_inbound_at = GREATEST(c.last_inbound_at, EXCLUDED.last_inbound_at),
       updated_at = $2
     RETURNING c.id, c.tenant, c.channel, c.address, (xmax = 0) AS created`,
    [JSON.stringify(sorted), now],
  );
  return out;
}

export async function getContact(sql: Sql, tenant: string, id: string): Promise<ContactRecord | null> {
  if (!isContactId(id)) return null;
  const { rows } = await sql.query<ContactRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.tenant = $1 AND c.id = $2`, [tenant, id]);
  return rows[0] ? toContact(rows[0]) : null;
}

export async function findContact(sql: Sql, tenant: string, channel: ContactChannel, address: string): Promise<ContactRecord | null> {
  const { rows } = await sql.query<ContactRow>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.tenant = $1 AND c.channel = $2 AND c.address = $3`,
    [tenant, channel, address],
  );
  return rows[0] ? toContact(rows[0]) : null;
}

export interface ContactWriteOptions {
  /** Country for a number written without +country code (the tenant's marketing.defaultCountry). */
  defaultCountry?: string;
  /** The tenant's field definitions, when the caller has them (else read). */
  fields?: CustomFieldDefinition[];
}

/**
 * Creates the contact, or updates the one with the same channel and address: the attributes
 * given replace, the fields given are merged, tags given replace the list. Throws
 * `ContactInputError` (with the attribute's path) on a bad value.
 */
export async function upsertContact(
  sql: Sql,
  tenant: string,
  body: ContactUpsertBody,
  now: number,
  source: ContactRecord['source'],
  opts: ContactWriteOptions = {},
): Promise<{ contact: ContactRecord; created: boolean }> {
  const address = normalizeAddress(body.channel, body.address, opts.defaultCountry);
  if (!address.ok) throw new ContactInputError('address', address.problem);
  const values = await checkedAttributes(sql, tenant, body, opts);
  const inferredZone = body.channel === 'whatsapp' ? (timezoneForNumber(address.address) ?? null) : null;
  const { rows } = await sql.query<{ id: string; created: boolean }>(
    `INSERT INTO contacts AS c (tenant, channel, address, name, language, timezone, tags, fields, source, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, COALESCE($6, $11), COALESCE($7::text[], '{}'), COALESCE($8::jsonb, '{}'), $9, $10, $10)
     ON CONFLICT (tenant, channel, address) DO UPDATE SET
       name = COALESCE($4, c.name),
       language = COALESCE($5, c.language),
       timezone = COALESCE($6, c.timezone, $11),
       tags = COALESCE($7::text[], c.tags),
       fields = c.fields || COALESCE($8::jsonb, '{}'),
       updated_at = $10
     RETURNING c.id, (xmax = 0) AS created`,
    [
      tenant,
      body.channel,
      address.address,
      values.name ?? null,
      values.language ?? null,
      values.timezone ?? null,
      values.tags ?? null,
      values.fields ? JSON.stringify(values.fields) : null,
      source,
      now,
      inferredZone,
    ],
  );
  const row = rows[0]!;
  return { contact: (await getContact(sql, tenant, row.id))!, created: row.created };
}

/** Changes the attributes given (fields merged, tags replaced); null when there is no such contact. */
export async function patchContact(
  sql: Sql,
  tenant: string,
  id: string,
  patch: ContactPatchBody,
  now: number,
  opts: ContactWriteOptions = {},
): Promise<ContactRecord | null> {
  if (!isContactId(id)) return null;
  const values = await checkedAttributes(sql, tenant, patch, opts);
  const { rowCount } = await sql.query(
    `UPDATE contacts c SET
       name = COALESCE($3, c.name),
       language = COALESCE($4, c.language),
       timezone = COALESCE($5, c.timezone),
       tags = COALESCE($6::text[], c.tags),
       fields = c.fields || COALESCE($7::jsonb, '{}'),
       updated_at = $8
     WHERE c.tenant = $1 AND c.id = $2`,
    [
      tenant,
      id,
      values.name ?? null,
      values.language ?? null,
      values.timezone ?? null,
      values.tags ?? null,
      values.fields ? JSON.stringify(values.fields) : null,
      now,
    ],
  );
  return rowCount ? getContact(sql, tenant, id) : null;
}

interface CheckedAttributes {
  name?: string;
  language?: string;
  timezone?: string;
  tags?: string[];
  fields?: Record<string, unknown>;
}

async function checkedAttributes(sql: Sql, tenant: string, body: ContactPatchBody, opts: ContactWriteOptions): Promise<CheckedAttributes> {
  const out: CheckedAttributes = {};
  if (body.name !== undefined) out.name = checkName(body.name);
  if (body.language !== undefined) out.language = checkLanguage(body.language);
  if (body.timezone !== undefined) out.timezone = checkTimezone(body.timezone);
  if (body.tags !== undefined) out.tags = checkTags(body.tags);
  if (body.fields !== undefined && Object.keys(body.fields).length > 0) {
    const defs = opts.fields ?? (await listFieldDefinitions(sql, tenant));
    out.fields = checkFieldValues(defs, body.fields);
  }
  return out;
}

export { listContacts } from './list';
export { setContactFields } from './update';
