/**
 * Contacts for the campaign benchmark and the campaign crash test: a CSV file as a marketer would
 * import it, and a fast SQL seed (generate_series) of contacts with their marketing consent, so the
 * audience freeze and the send run do not wait for an import.
 */
import type { Sql } from '../../runtime/src/db/sql';

export const BENCH_TENANT = 'demo';
/** The tag the bench audience carries; the seed gives every tenth contact no tag, or an opt-out. */
export const AUDIENCE_TAG = 'spring';
export const CONSENT_WORDING = 'Yes, send me offers on WhatsApp';

/** German mobile numbers (+49 151 …, 8 digits after the prefix): valid E.164 for libphonenumber. */
export function benchPhone(i: number, block = 0): string {
  return `+49151${String(block * 10_000_000 + i).padStart(8, '0')}`;
}

export const CSV_COLUMNS = ['phone', 'name', 'language', 'tags', 'consent.marketing', 'consent.wording'] as const;

/** A header line and `n` rows; every row imports cleanly (no problems), half with a marketing opt-in. */
export function contactsCsv(n: number): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  const languages = ['en', 'es', 'pt', 'de'];
  for (let i = 0; i < n; i++) {
    const optIn = i % 2 === 0;
    lines.push(
      [
        benchPhone(i),
        `Person ${i}`,
        languages[i % languages.length],
        i % 3 === 0 ? `${AUDIENCE_TAG};vip` : AUDIENCE_TAG,
        optIn ? 'yes' : 'no',
        optIn ? `"${CONSENT_WORDING}"` : '',
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A fixed-offset zone where it is about noon now: the send plane holds marketing during the
 * contact's quiet hours, and a run at night (UTC) must not wait for the morning.
 */
export function middayZone(now: number): string {
  const offset = 12 - new Date(now).getUTCHours();
  if (offset === 0) return 'Etc/GMT';
  // Etc/GMT's sign is inverted: Etc/GMT-3 is UTC+3.
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

export interface SeedOptions {
  tenant?: string;
  /** Contacts in the audience: tagged AUDIENCE_TAG and opted in to marketing. */
  audience: number;
  /** Contacts outside it (a tenth of them opted out, the rest untagged). Default audience / 10. */
  others?: number;
  /** Keeps the numbers of two seeds in one schema apart. */
  block?: number;
  /** Default: a zone where it is about noon (outside any quiet hours). */
  timezone?: string;
  now: number;
}

/**
 * Inserts the contacts and their consent (events + state) in three statements. The audience is
 * contacts 1..audience (the others follow), so tests can name the expected recipients by number.
 */
export async function seedContacts(sql: Sql, opts: SeedOptions): Promise<{ audience: number; total: number }> {
  const tenant = opts.tenant ?? BENCH_TENANT;
  const others = opts.others ?? Math.floor(opts.audience / 10);
  const total = opts.audience + others;
  const prefix = `+49151`;
  const offset = (opts.block ?? 0) * 10_000_000;
  await sql.query(
    `INSERT INTO contacts (tenant, channel, address, name, language, timezone, tags, source, created_at, updated_at)
     SELECT $1, 'whatsapp', $2 || lpad(($3 + g)::text, 8, '0'), 'Person ' || g, 'en', $7,
            CASE WHEN g <= $4 OR g % 10 = 0 THEN ARRAY[$5::text] ELSE ARRAY[]::text[] END, 'import', $6, $6
     FROM generate_series(1, $8::int) AS g`,
    [tenant, prefix, offset, opts.audience, AUDIENCE_TAG, opts.now, opts.timezone ?? middayZone(opts.now), total],
  );
  // The ledger first (the state names its event), then the state from the ledger.
  await sql.query(
    `INSERT INTO consent_events (tenant, contact_id, purpose, action, channel, source, source_detail, wording, recorded_by, at)
     SELECT c.tenant, c.id, 'marketing',
            CASE WHEN substr(c.address, 7)::int - $3 <= $4 THEN 'opt_in' ELSE 'opt_out' END,
            'whatsapp', 'import', '{}'::jsonb, $5, 'bench', $6
     FROM contacts c
     WHERE c.tenant = $1 AND c.address LIKE $2 || '%'
       AND substr(c.address, 7)::int - $3 BETWEEN 1 AND $7
       AND (substr(c.address, 7)::int - $3 <= $4 OR (substr(c.address, 7)::int - $3) % 10 = 0)`,
    [tenant, prefix, offset, opts.audience, CONSENT_WORDING, opts.now, total],
  );
  await sql.query(
    `INSERT INTO consent_state (tenant, contact_id, purpose, status, at, event_id)
     SELECT e.tenant, e.contact_id, e.purpose, CASE e.action WHEN 'opt_in' THEN 'opted_in' ELSE 'opted_out' END, e.at, e.id
     FROM consent_events e
     WHERE e.tenant = $1 AND e.recorded_by = 'bench'
     ON CONFLICT (tenant, contact_id, purpose) DO NOTHING`,
    [tenant],
  );
  // As autovacuum would after a real import: without statistics the audience queries plan blind.
  await sql.exec('ANALYZE contacts; ANALYZE consent_events; ANALYZE consent_state');
  return { audience: opts.audience, total };
}

/** The bench audience as a segment filter: tagged and opted in to marketing. */
export const AUDIENCE_FILTER = {
  match: 'all' as const,
  conditions: [
    { field: 'tags', op: 'has_tag' as const, value: AUDIENCE_TAG },
    { consent: 'marketing' as const, is: 'opted_in' as const },
  ],
};
