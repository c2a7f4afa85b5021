/**
 * The contact row a conversation's consent and marketing sends hang on. A keyword or a Meta
 * preference may arrive before the contact sync (batched after the commit) has written the row,
 * so the opt-out creates it: an opt-out is never lost for want of a contact.
 */
import { createHash } from 'node:crypto';
import type { ContactKey } from '../contacts/addresses';
import type { Sql } from '../db/sql';

export interface ContactRef {
  id: string;
  language: string | null;
  timezone: string | null;
}

/** The contact's row, created (source 'message') when the sync has not written it yet. */
export async function ensureContactRef(sql: Sql, key: ContactKey, now: number, name?: string): Promise<ContactRef> {
  // The no-op update makes RETURNING answer for an existing row too.
  const { rows } = await sql.query<ContactRef>(
    `INSERT INTO contacts (tenant, channel, address, name, first_seen_at, last_seen_at, source, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $5, 'message', $5, $5)
     ON CONFLICT (tenant, channel, address) DO UPDATE SET name = COALESCE(contacts.name, EXCLUDED.name)
     RETURNING id, language, timezone`,
    [key.tenant, key.channel, key.address, name ?? null, now],
  );
  return rows[0]!;
}

/** The erased-person entry (suppressions.address_hash): sha256 hex of `tenant\nchannel\naddress`. */
export function suppressionHash(key: ContactKey): string {
  return createHash('sha256').update(`${key.tenant}\n${key.channel}\n${key.address}`).digest('hex');
}
