/**
 * The database half of the campaign benchmark, each in a fresh schema:
 *   - importing a CSV of contacts (the import function, as the CLI and the API run it) against a
 *     plain COPY of the same rows into a bare table (the floor of any import);
 *   - freezing a campaign's audience (the launch's one INSERT … SELECT over the compiled filter).
 */
import { Readable } from 'node:stream';
import type { CampaignBody } from '@parley/contract/api';
import { freezeAudience } from '../../runtime/src/campaigns/audience';
import { createDraft } from '../../runtime/src/campaigns/repository';
import { importContacts } from '../../runtime/src/contacts/import/run';
import { openTestDatabase, type TestDatabaseKind } from '../../runtime/src/db/testing';
import { AUDIENCE_FILTER, BENCH_TENANT, contactsCsv, seedContacts } from './campaigns-data';

export interface ImportTiming {
  kind: TestDatabaseKind;
  rows: number;
  importMs: number;
  copyMs: number;
  /** Contacts in the table after the import (checks it did the work). */
  contacts: number;
  problems: number;
}

const BARE_COLUMNS = ['phone', 'name', 'language', 'tags', 'consent_marketing', 'consent_wording'];

/** One import of `rows` contacts and one plain COPY of the same file, each into its own fresh schema. */
export async function timeImport(kind: TestDatabaseKind, rows: number): Promise<ImportTiming> {
  const csv = contactsCsv(rows);
  const body = csv.slice(csv.indexOf('\n') + 1);

  const bare = await openTestDatabase(kind);
  let copyMs: number;
  try {
    await bare.sql.exec(`CREATE TABLE bare_contacts (${BARE_COLUMNS.map((c) => `${c} text`).join(', ')})`);
    const t0 = performance.now();
    const copied = await bare.sql.copyCsv('bare_contacts', BARE_COLUMNS, body);
    copyMs = performance.now() - t0;
    if (copied !== rows) throw new Error(`COPY wrote ${copied} of ${rows} rows`);
  } finally {
    await bare.drop();
  }

  const db = await openTestDatabase(kind);
  try {
    const t0 = performance.now();
    const report = await importContacts(db.sql, Readable.from([csv]), {
      tenant: BENCH_TENANT,
      actor: 'bench',
      now: Date.now,
      file: 'bench.csv',
    });
    const importMs = performance.now() - t0;
    const { rows: counted } = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts WHERE tenant = $1', [
      BENCH_TENANT,
    ]);
    return { kind, rows, importMs, copyMs, contacts: counted[0]?.n ?? 0, problems: report.problemCount };
  } finally {
    await db.drop();
  }
}

export interface FreezeTiming {
  audience: number;
  frozen: number;
  suppressed: number;
  seedMs: number;
  freezeMs: number;
}

/** Seeds `audience` matching contacts (+10 % that do not match), then times the launch's freeze. */
export async function timeFreeze(audience: number): Promise<FreezeTiming> {
  const db = await openTestDatabase('postgres');
  try {
    const now = Date.now();
    const s0 = performance.now();
    await seedContacts(db.sql, { audience, now });
    const seedMs = performance.now() - s0;
    const body: CampaignBody = {
      id: 'spring',
      name: 'Spring offer',
      filter: AUDIENCE_FILTER,
      schedule: { type: 'now' },
      variants: [
        { id: 'a', weight: 1, flow: 'offer' },
        { id: 'b', weight: 1, flow: 'offer' },
      ],
    };
    const campaign = await createDraft(db.sql, BENCH_TENANT, body, 'bench', now);
    const t0 = performance.now();
    const frozen = await db.sql.transaction((tx) =>
      freezeAudience(tx, { tenant: BENCH_TENANT, campaign, filter: AUDIENCE_FILTER, now, requireOptIn: true }),
    );
    const freezeMs = performance.now() - t0;
    return { audience, frozen: frozen.audience, suppressed: frozen.suppressed, seedMs, freezeMs };
  } finally {
    await db.drop();
  }
}
