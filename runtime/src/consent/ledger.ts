/**
 * The consent ledger: every opt-in and opt-out as an event (never changed), and the current state
 * per purpose, written in the same transaction. The latest event by time wins the state, so an old
 * import replayed after a STOP cannot opt the person back in.
 */
import type { ConsentEvent, ConsentPurpose, ConsentSource, ConsentState, ContactChannel } from '@parley/contract';
import type { Sql } from '../db/sql';

type ConsentAction = 'opt_in' | 'opt_out';

export interface ConsentInput {
  tenant: string;
  contactId: string;
  purpose: ConsentPurpose;
  action: ConsentAction;
  channel: ContactChannel;
  source: ConsentSource;
  sourceDetail?: Record<string, string | number>;
  /** The words the person saw or used (checkbox text, keyword, button title). */
  wording?: string;
  /** A user name, `runtime`, `import:<file>`. */
  recordedBy: string;
  at: number;
}

export interface ConsentRecorded {
  event: ConsentEvent;
  /** False when the state already was this (or a later event decides it). */
  changed: boolean;
}

interface EventRow {
  id: number;
  contact_id: string;
  purpose: ConsentPurpose;
  action: ConsentAction;
  channel: ContactChannel;
  source: ConsentSource;
  source_detail: Record<string, string | number>;
  wording: string | null;
  recorded_by: string;
  at: number;
}

const EVENT_COLUMNS = 'id, contact_id, purpose, action, channel, source, source_detail, wording, recorded_by, at';

function toEvent(row: EventRow): ConsentEvent {
  return {
    id: row.id,
    contactId: row.contact_id,
    purpose: row.purpose,
    action: row.action,
    channel: row.channel,
    source: row.source,
    sourceDetail: row.source_detail ?? {},
    ...(row.wording != null ? { wording: row.wording } : {}),
    recordedBy: row.recorded_by,
    at: row.at,
  };
}

export class UnknownContactError extends Error {
  constructor(
    readonly tenant: string,
    readonly contactId: string,
  ) {
    super(`no contact ${contactId} in tenant ${tenant}`);
    this.name = 'UnknownContactError';
  }
}

const statusOf = (action: ConsentAction) => (action === 'opt_in' ? 'opted_in' : 'opted_out');

/** Inserts the event and moves the state when this event is the latest; one transaction. */
export async function recordConsent(sql: Sql, input: ConsentInput): Promise<ConsentRecorded> {
  return sql.transaction(async (tx) => {
    // The contact row lock serialises two events for one person (and the send plane's cap check).
    const contact = await tx.query('SELECT 1 FROM contacts WHERE tenant = $1 AND id = $2 FOR UPDATE', [input.tenant, input.contactId]);
    if (contact.rows.length === 0) throw new UnknownContactError(input.tenant, input.contactId);
    const before = await tx.query<{ status: string; at: number }>(
      'SELECT status, at FROM consent_state WHERE tenant = $1 AND contact_id = $2 AND purpose = $3',
      [input.tenant, input.contactId, input.purpose],
    );
    const inserted = await tx.query<EventRow>(
      `INSERT INTO consent_events (tenant, contact_id, purpose, action, channel, source, source_detail, wording, recorded_by, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${EVENT_COLUMNS}`,
      [
        input.tenant,
        input.contactId,
        input.purpose,
        input.action,
        input.channel,
        input.source,
        input.sourceDetail ?? {},
        input.wording ?? null,
        input.recordedBy,
        input.at,
      ],
    );
    const event = toEvent(inserted.rows[0]!);
    const previous = before.rows[0];
    const wins = !previous || previous.at <= input.at;
    if (wins) {
      await tx.query(
        `INSERT INTO consent_state (tenant, contact_id, purpose, status, at, event_id) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant, contact_id, purpose) DO UPDATE SET status = EXCLUDED.status, at = EXCLUDED.at, event_id = EXCLUDED.event_id`,
        [input.tenant, input.contactId, input.purpose, statusOf(input.action), input.at, event.id],
      );
    }
    const changed = wins && previous?.status !== statusOf(input.action);
    if (changed && input.action === 'opt_out' && input.purpose === 'marketing' && REACTIONS.has(input.source)) {
      await attributeOptOut(tx, input.tenant, input.contactId, input.at);
    }
    if (changed) {
      await tx.query('INSERT INTO audit_log (tenant, at, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
        input.tenant,
        input.at,
        input.recordedBy,
        `consent.${input.action}`,
        `contact:${input.contactId}`,
        { purpose: input.purpose, source: input.source, eventId: event.id },
      ]);
    }
    return { event, changed };
  });
}

/** Sources that are the person reacting to what they received (an import or an agent is not). */
const REACTIONS: ReadonlySet<ConsentSource> = new Set(['keyword', 'button', 'meta']);

/**
 * The opt-out counts against the campaign that last reached the person, within its goal window:
 * one campaign only, so overlapping campaigns do not each claim it.
 */
async function attributeOptOut(tx: Sql, tenant: string, contactId: string, at: number): Promise<void> {
  await tx.query(
    `UPDATE campaign_recipients r SET opted_out_at = $3
     FROM (
       SELECT r2.campaign_id FROM campaign_recipients r2
       JOIN campaigns c ON c.tenant = r2.tenant AND c.id = r2.campaign_id
       WHERE r2.tenant = $1 AND r2.contact_id = $2 AND r2.sent_at IS NOT NULL AND r2.sent_at <= $3
         AND r2.sent_at > $3 - COALESCE((c.goal->>'windowDays')::bigint, 7) * 86400000
       ORDER BY r2.sent_at DESC LIMIT 1
     ) latest
     WHERE r.tenant = $1 AND r.contact_id = $2 AND r.campaign_id = latest.campaign_id AND r.opted_out_at IS NULL`,
    [tenant, contactId, at],
  );
}

export interface ConsentBatchResult {
  /** Events inserted (every input). */
  recorded: number;
  /** States that moved to a different status. */
  changed: number;
}

/**
 * Many events in a few set-based statements (imports: thousands per batch). Per (contact,
 * purpose) the latest input by time competes with the stored state, as in `recordConsent`. No
 * audit row per event: the caller audits the batch (the import).
 */
export async function recordConsentBatch(
  sql: Sql,
  tenant: string,
  inputs: readonly Omit<ConsentInput, 'tenant'>[],
): Promise<ConsentBatchResult> {
  if (inputs.length === 0) return { recorded: 0, changed: 0 };
  const col = <K extends keyof Omit<ConsentInput, 'tenant'>>(key: K) => inputs.map((i) => i[key] ?? null);
  return sql.transaction(async (tx) => {
    const inserted = await tx.query<{ id: number; contact_id: string; purpose: ConsentPurpose; action: ConsentAction; at: number }>(
      `INSERT INTO consent_events (tenant, contact_id, purpose, action, channel, source, source_detail, wording, recorded_by, at)
       SELECT $1, t.contact_id, t.purpose, t.action, t.channel, t.source, t.detail, t.wording, t.recorded_by, t.at
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::text[], $9::text[], $10::bigint[])
         WITH ORDINALITY AS t(contact_id, purpose, action, channel, source, detail, wording, recorded_by, at, n)
       ORDER BY t.n
       RETURNING id, contact_id, purpose, action, at`,
      [
        tenant,
        col('contactId'),
        col('purpose'),
        col('action'),
        col('channel'),
        col('source'),
        inputs.map((i) => JSON.stringify(i.sourceDetail ?? {})),
        col('wording'),
        col('recordedBy'),
        col('at'),
      ],
    );
    // The latest event per (contact, purpose) of this batch (ties: the last inserted) against the stored state.
    const moved = await tx.query<{ changed: boolean }>(
      `WITH latest AS (
         SELECT DISTINCT ON (e.contact_id, e.purpose) e.contact_id, e.purpose, e.action, e.at, e.id
         FROM consent_events e WHERE e.tenant = $1 AND e.id = ANY($2::bigint[])
         ORDER BY e.contact_id, e.purpose, e.at DESC, e.id DESC
       ), before AS (
         SELECT s.contact_id, s.purpose, s.status FROM consent_state s JOIN latest l USING (contact_id, purpose) WHERE s.tenant = $1
       ), upserted AS (
         INSERT INTO consent_state (tenant, contact_id, purpose, status, at, event_id)
         SELECT $1, l.contact_id, l.purpose, CASE l.action WHEN 'opt_in' THEN 'opted_in' ELSE 'opted_out' END, l.at, l.id FROM latest l
         ON CONFLICT (tenant, contact_id, purpose) DO UPDATE SET status = EXCLUDED.status, at = EXCLUDED.at, event_id = EXCLUDED.event_id
           WHERE consent_state.at <= EXCLUDED.at
         RETURNING contact_id, purpose, status
       )
       SELECT (b.status IS DISTINCT FROM u.status) AS changed FROM upserted u LEFT JOIN before b USING (contact_id, purpose)`,
      [tenant, inserted.rows.map((r) => r.id)],
    );
    return { recorded: inserted.rows.length, changed: moved.rows.filter((r) => r.changed).length };
  });
}

/** No row for a purpose: 'none'. */
function emptyConsentState(): ConsentState {
  return { marketing: { status: 'none' }, utility: { status: 'none' } };
}

export async function consentOf(sql: Sql, tenant: string, contactId: string): Promise<ConsentState> {
  const { rows } = await sql.query<{ purpose: ConsentPurpose; status: 'opted_in' | 'opted_out'; at: number; event_id: number }>(
    'SELECT purpose, status, at, event_id FROM consent_state WHERE tenant = $1 AND contact_id = $2',
    [tenant, contactId],
  );
  const state = emptyConsentState();
  for (const row of rows) state[row.purpose] = { status: row.status, at: row.at, eventId: row.event_id };
  return state;
}

/** The contact's ledger, newest first. */
export async function consentEvents(sql: Sql, tenant: string, contactId: string, opts: { limit?: number } = {}): Promise<ConsentEvent[]> {
  const { rows } = await sql.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM consent_events WHERE tenant = $1 AND contact_id = $2 ORDER BY at DESC, id DESC LIMIT $3`,
    [tenant, contactId, opts.limit ?? 1000],
  );
  return rows.map(toEvent);
}
