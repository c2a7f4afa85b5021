/**
 * Writes one batch of validated rows: COPY into a temporary staging table, then one
 * `INSERT … SELECT … ON CONFLICT (tenant, channel, address) DO UPDATE` and the consent events of
 * the batch, all in one transaction. A few statements per ~5,000 rows instead of one per row is
 * what keeps an import within a small factor of a plain COPY.
 */
import type { ContactChannel } from '@parley/contract';
import type { Sql } from '../../db/sql';
import { suppressionHash } from '../../consent/contact-ref';
import type { ImportRow } from './rows';

export interface BatchTarget {
  tenant: string;
  channel: ContactChannel;
  /** Recorded as the consent events' source detail and recordedBy (`import:<file>`). */
  file: string;
  now: number;
}

export interface BatchResult {
  created: number;
  updated: number;
  consentRecorded: number;
}

const STAGING_COLUMNS = [
  'row_no',
  'address',
  'name',
  'language',
  'timezone',
  'timezone_guess',
  'tags',
  'fields',
  'marketing',
  'utility',
  'wording',
  'consent_at',
] as const;

/** Rows whose address was erased (a suppression entry): they are not imported. */
export async function suppressedAddresses(
  sql: Sql,
  tenant: string,
  channel: ContactChannel,
  addresses: readonly string[],
): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const byHash = new Map(addresses.map((a) => [suppressionHash({ tenant, channel, address: a }), a]));
  const { rows } = await sql.query<{ address_hash: string }>(
    'SELECT address_hash FROM suppressions WHERE tenant = $1 AND channel = $2 AND address_hash = ANY($3::text[])',
    [tenant, channel, [...byHash.keys()]],
  );
  return new Set(rows.map((r) => byHash.get(r.address_hash)!));
}

/** Of `addresses`, those that already are contacts (a dry run's created/updated split). */
export async function existingAddresses(
  sql: Sql,
  tenant: string,
  channel: ContactChannel,
  addresses: readonly string[],
): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const { rows } = await sql.query<{ address: string }>(
    'SELECT address FROM contacts WHERE tenant = $1 AND channel = $2 AND address = ANY($3::text[])',
    [tenant, channel, addresses],
  );
  return new Set(rows.map((r) => r.address));
}

export async function writeBatch(sql: Sql, target: BatchTarget, rows: readonly ImportRow[]): Promise<BatchResult> {
  if (rows.length === 0) return { created: 0, updated: 0, consentRecorded: 0 };
  return sql.transaction(async (tx) => {
    await tx.exec(
      `CREATE TEMP TABLE IF NOT EXISTS contact_import_staging (
         row_no integer NOT NULL, address text PRIMARY KEY, name text, language text, timezone text, timezone_guess text,
         tags text[], fields jsonb, marketing text, utility text, wording text, consent_at bigint
       ) ON COMMIT DELETE ROWS`,
    );
    await tx.copyCsv('contact_import_staging', STAGING_COLUMNS, rows.map(stagingLine).join(''));
    // Blank cells keep what is stored; tags are added; fields are merged; a time zone guessed from
    // the number only fills an empty one (the staging table says whether the file gave it).
    const upserted = await tx.query<{ created: boolean }>(
      `INSERT INTO contacts AS c (tenant, channel, address, name, language, timezone, tags, fields, source, created_at, updated_at)
       SELECT $1, $2, s.address, s.name, s.language, COALESCE(s.timezone, s.timezone_guess), COALESCE(s.tags, '{}'),
              COALESCE(s.fields, '{}'), 'import', $3, $3
       FROM contact_import_staging s ORDER BY s.row_no
       ON CONFLICT (tenant, channel, address) DO UPDATE SET
         name = COALESCE(EXCLUDED.name, c.name),
         language = COALESCE(EXCLUDED.language, c.language),
         timezone = COALESCE((SELECT s.timezone FROM contact_import_staging s WHERE s.address = EXCLUDED.address), c.timezone, EXCLUDED.timezone),
         tags = c.tags || ARRAY(SELECT t FROM unnest(EXCLUDED.tags) AS t WHERE NOT t = ANY (c.tags)),
         fields = c.fields || EXCLUDED.fields,
         updated_at = EXCLUDED.updated_at
       RETURNING (c.xmax = 0) AS created`,
      [target.tenant, target.channel, target.now],
    );
    const consentRecorded = rows.some((r) => r.consent) ? await recordImportConsent(tx, target) : 0;
    const created = upserted.rows.filter((r) => r.created).length;
    return { created, updated: upserted.rows.length - created, consentRecorded };
  });
}

function stagingLine(row: ImportRow): string {
  return `${[
    String(row.row),
    csv(row.address),
    csv(row.name),
    csv(row.language),
    csv(row.timezone),
    csv(row.timezoneGuess),
    row.tags ? csv(`{${row.tags.map((t) => `"${t.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`) : '',
    row.fields ? csv(JSON.stringify(row.fields)) : '',
    csv(row.consent?.marketing),
    csv(row.consent?.utility),
    csv(row.consent?.wording),
    row.consent ? String(row.consent.at) : '',
  ].join(',')}\n`;
}

/** A CSV cell for COPY: absent → unquoted empty (NULL), anything else quoted (an empty string stays one). */
function csv(value: string | undefined): string {
  return value === undefined ? '' : `"${value.replace(/"/g, '""')}"`;
}

/**
 * The batch's consent cells as ledger events, and the state moved where an event is newer than
 * the stored one — the rule of the ledger's `recordConsent` (consent/ledger.ts), in one
 * statement: the events' RETURNING feeds the state upsert directly (each contact is once in a
 * batch, so there is one event per contact and purpose). No audit row per event: the import
 * itself is audited.
 */
async function recordImportConsent(tx: Sql, target: BatchTarget): Promise<number> {
  const { rows } = await tx.query<{ recorded: number }>(
    `WITH events AS (
       INSERT INTO consent_events (tenant, contact_id, purpose, action, channel, source, source_detail, wording, recorded_by, at)
       SELECT $1, c.id, x.purpose, x.action, $2, 'import', jsonb_build_object('file', $3::text, 'row', s.row_no), s.wording, $4, s.consent_at
       FROM contact_import_staging s
       CROSS JOIN LATERAL (VALUES ('marketing', s.marketing), ('utility', s.utility)) AS x(purpose, action)
       JOIN contacts c ON c.tenant = $1 AND c.channel = $2 AND c.address = s.address
       WHERE x.action IS NOT NULL
       ORDER BY s.row_no, x.purpose
       RETURNING id, contact_id, purpose, action, at
     ), states AS (
       INSERT INTO consent_state (tenant, contact_id, purpose, status, at, event_id)
       SELECT $1, e.contact_id, e.purpose, CASE e.action WHEN 'opt_in' THEN 'opted_in' ELSE 'opted_out' END, e.at, e.id FROM events e
       ON CONFLICT (tenant, contact_id, purpose) DO UPDATE SET status = EXCLUDED.status, at = EXCLUDED.at, event_id = EXCLUDED.event_id
         WHERE consent_state.at <= EXCLUDED.at
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM events)::int AS recorded`,
    [target.tenant, target.channel, target.file, `import:${target.file}`],
  );
  return rows[0]?.recorded ?? 0;
}
