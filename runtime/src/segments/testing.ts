/**
 * Many contacts fast, for the segment measurements (tests and `bench:campaigns`): one
 * generate_series statement per table, with deterministic, varied values (languages, tags,
 * scores, last inbound over 90 days, ~60 % marketing opt-in, flow and node activity).
 */
import type { Sql } from '../db/sql';

const DAY_MS = 86_400_000;

export interface SeededContacts {
  contacts: number;
  consented: number;
  activity: number;
}

export async function seedManyContacts(sql: Sql, tenant: string, count: number, now: number): Promise<SeededContacts> {
  const contacts = await sql.query(
    `INSERT INTO contacts (tenant, channel, address, name, language, timezone, tags, fields, first_seen_at, last_seen_at,
                           last_inbound_at, source, created_at, updated_at)
     SELECT $1, 'whatsapp', '+5511' || lpad(g::text, 9, '0'), 'Person ' || g, (ARRAY['en', 'es', 'pt'])[1 + g % 3],
            (ARRAY['America/Sao_Paulo', 'Europe/Madrid', 'America/New_York'])[1 + g % 3],
            CASE WHEN g % 5 = 0 THEN ARRAY['vip', 'newsletter'] WHEN g % 3 = 0 THEN ARRAY['newsletter'] ELSE ARRAY[]::text[] END,
            jsonb_build_object('score', g % 100, 'plan', CASE WHEN g % 2 = 0 THEN 'gold' ELSE 'silver' END, 'vip', g % 5 = 0),
            $2::int8 - (g % 365)::int8 * ${DAY_MS}, $2::int8 - (g % 90)::int8 * ${DAY_MS}, $2::int8 - (g % 90)::int8 * ${DAY_MS},
            'import', $2::int8 - g, $2::int8 - g
     FROM generate_series(1, $3::int) AS g`,
    [tenant, now, count],
  );
  await sql.query(
    `INSERT INTO consent_state (tenant, contact_id, purpose, status, at, event_id)
     SELECT tenant, id, 'marketing', CASE WHEN (created_at % 10) < 6 THEN 'opted_in' ELSE 'opted_out' END, $2, 0
     FROM contacts WHERE tenant = $1 AND (created_at % 10) < 8`,
    [tenant, now],
  );
  const activity = await sql.query(
    `INSERT INTO contact_activity (tenant, contact_id, kind, flow_id, node_id, at)
     SELECT tenant, id, 'flow_entered', 'cart', NULL, last_inbound_at FROM contacts WHERE tenant = $1 AND (created_at % 10) < 3
     UNION ALL
     SELECT tenant, id, 'node_reached', 'cart', 'offer', last_inbound_at FROM contacts WHERE tenant = $1 AND (created_at % 10) = 0`,
    [tenant],
  );
  await sql.exec('ANALYZE contacts; ANALYZE consent_state; ANALYZE contact_activity');
  return {
    contacts: contacts.rowCount,
    consented: (
      await sql.query<{ n: number }>(`SELECT count(*)::int8 AS n FROM consent_state WHERE tenant = $1 AND status = 'opted_in'`, [tenant])
    ).rows[0]!.n,
    activity: activity.rowCount,
  };
}
