/**
 * Erasing a person (GDPR/LGPD right to erasure): every row about them (the contact row cascades
 * to consent, activity, campaign records and sends; rows keyed only by the conversation go too),
 * every hot key of their conversation in Redis, their number scrubbed from import reports — and
 * one anonymized suppression entry (a hash, never the address) so an old import does not bring
 * them back. The erasure itself is audited under that hash.
 */
import type { EraseReport } from '@parley/contract/api';
import { suppressionHash } from '../consent/contact-ref';
import type { Sql } from '../db/sql';
import { conversationOf } from './addresses';
import type { PrivacyDeps } from './export';
import { isContactId } from './repository';

/** Tables with rows about a contact, and how they are found (`$1` tenant, `$2` contact id, `$3` conversation id). */
const PERSONAL_ROWS: Record<string, string> = {
  contacts: 'tenant = $1 AND id = $2',
  consent_events: 'tenant = $1 AND contact_id = $2',
  consent_state: 'tenant = $1 AND contact_id = $2',
  contact_activity: 'tenant = $1 AND contact_id = $2',
  campaign_recipients: 'tenant = $1 AND contact_id = $2',
  marketing_sends: 'tenant = $1 AND (contact_id = $2 OR conversation = $3)',
  suppressed_sends: 'tenant = $1 AND (contact_id = $2 OR conversation = $3)',
  audit_log: "tenant = $1 AND subject = 'contact:' || $2",
};

export interface EraseOptions {
  /** Who asked (the audit row): an admin user name. */
  actor: string;
  now: number;
}

export async function eraseContact(deps: PrivacyDeps, tenant: string, contactId: string, opts: EraseOptions): Promise<EraseReport | null> {
  if (!isContactId(contactId)) return null;
  const found = await deps.sql.query<{ channel: 'whatsapp' | 'messenger' | 'instagram'; address: string }>(
    'SELECT channel, address FROM contacts WHERE tenant = $1 AND id = $2',
    [tenant, contactId],
  );
  const contact = found.rows[0];
  if (!contact) return null;
  const conv = conversationOf(tenant, contact.channel, contact.address);
  // Redis first: if the database part fails, the contact is still there and the erase can be run again.
  const keys = await deps.privacy.eraseConversation(conv, { terms: [contactId] });
  const hash = suppressionHash({ tenant, channel: contact.channel, address: contact.address });
  const rows = await deps.sql.transaction(async (tx) => {
    const counts: Record<string, number> = {};
    const params = [tenant, contactId, conv];
    // Children first (the contact row would cascade most of them, but then they could not be counted).
    for (const [table, where] of Object.entries(PERSONAL_ROWS).reverse()) {
      const used = where.includes('$3') ? params : params.slice(0, 2);
      counts[table] = (await tx.query(`DELETE FROM ${table} WHERE ${where}`, used)).rowCount;
    }
    counts.contact_imports = await scrubImportReports(tx, tenant, contact.address);
    await tx.query(
      `INSERT INTO suppressions (tenant, channel, address_hash, reason, at) VALUES ($1, $2, $3, 'erased', $4)
       ON CONFLICT (tenant, channel, address_hash) DO NOTHING`,
      [tenant, contact.channel, hash, opts.now],
    );
    await tx.query('INSERT INTO audit_log (tenant, at, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
      tenant,
      opts.now,
      opts.actor,
      'contacts.erase',
      `suppression:${hash}`,
      JSON.stringify({ rows: counts, keys }),
    ]);
    return counts;
  });
  return { contactId, rows, keys, suppressed: true };
}

/**
 * Import reports quote rows' numbers in their problems ("+55… is already in row 2"): the number
 * is replaced, the rest of the report stays. Returns the reports changed.
 */
async function scrubImportReports(tx: Sql, tenant: string, address: string): Promise<number> {
  const forms = [address, address.replace(/^\+/, '')].filter((form, i, all) => form.length >= 5 && all.indexOf(form) === i);
  let changed = 0;
  for (const form of forms) {
    const { rowCount } = await tx.query(
      `UPDATE contact_imports SET report = replace(report::text, $2, '(erased)')::jsonb
        WHERE tenant = $1 AND strpos(report::text, $2) > 0`,
      [tenant, form],
    );
    changed += rowCount;
  }
  return changed;
}
