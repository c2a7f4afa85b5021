/**
 * The import's measure (`npm run bench:campaigns` calls it): N generated contacts imported from
 * a CSV stream, against a plain COPY of the same rows into `contacts` (the baseline: no parsing,
 * no validation, no upsert). Each into its own fresh tenant of the same database.
 *
 *   npx tsx runtime/src/contacts/import/bench.ts [rows]   (DATABASE_URL or 127.0.0.1:5432/test)
 */
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Sql } from '../../db/sql';
import { importContacts } from './run';

export interface ImportBench {
  rows: number;
  importMs: number;
  copyMs: number;
  /** importMs / copyMs (target ≤ 3). */
  ratio: number;
}

const WORDING = 'Yes, send me offers on WhatsApp';

/** Brazilian mobile numbers, all valid and distinct for up to 10 million rows. */
function phone(i: number): string {
  return `+55119${String(10_000_000 + i).slice(-8)}`;
}

function* importLines(rows: number): Generator<string> {
  yield 'phone,name,language,tags,consent.marketing,consent.wording\n';
  for (let i = 0; i < rows; i++) yield `${phone(i)},Person ${i},pt_BR,bench;wave${i % 7},${i % 3 === 0 ? 'no' : 'yes'},"${WORDING}"\n`;
}

/** Chunks of ~64 KB, like a network upload or a file read. */
function* chunked(lines: Iterable<string>): Generator<string> {
  let buffer = '';
  for (const line of lines) {
    buffer += line;
    if (buffer.length >= 65_536) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

export async function benchImport(sql: Sql, rows: number, now = Date.now()): Promise<ImportBench> {
  const suffix = `${now.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const copyTenant = `bench_copy_${suffix}`;
  const importTenant = `bench_import_${suffix}`;
  const copyLines = function* (): Generator<string> {
    for (let i = 0; i < rows; i++)
      yield `${copyTenant},whatsapp,${phone(i)},Person ${i},pt_BR,America/Sao_Paulo,"{bench,wave${i % 7}}",import,${now},${now}\n`;
  };
  const columns = ['tenant', 'channel', 'address', 'name', 'language', 'timezone', 'tags', 'source', 'created_at', 'updated_at'];
  let started = performance.now();
  for (const chunk of chunked(copyLines())) await sql.copyCsv('contacts', columns, chunk);
  const copyMs = performance.now() - started;

  started = performance.now();
  const report = await importContacts(sql, Readable.from(chunked(importLines(rows))), {
    tenant: importTenant,
    actor: 'bench',
    now: () => now,
    file: 'bench.csv',
  });
  const importMs = performance.now() - started;
  if (report.status !== 'done' || report.created !== rows)
    throw new Error(`the bench import did not import every row: ${JSON.stringify({ ...report, problems: report.problems.slice(0, 3) })}`);
  for (const tenant of [copyTenant, importTenant]) {
    await sql.query('DELETE FROM contacts WHERE tenant = $1', [tenant]);
    await sql.query('DELETE FROM contact_imports WHERE tenant = $1', [tenant]);
    await sql.query('DELETE FROM audit_log WHERE tenant = $1', [tenant]);
  }
  return { rows, importMs, copyMs, ratio: importMs / copyMs };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { openTestDatabase } = await import('../../db/testing');
  const db = await openTestDatabase('postgres');
  try {
    const result = await benchImport(db.sql, Number(process.argv[2] ?? 100_000));
    console.log(
      `import of ${result.rows} contacts: ${Math.round(result.importMs)} ms; COPY of the same rows: ${Math.round(result.copyMs)} ms; ratio ${result.ratio.toFixed(2)} (target ≤ 3)`,
    );
  } finally {
    await db.drop();
  }
}
