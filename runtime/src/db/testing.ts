/**
 * Databases for tests: the real PostgreSQL server (TEST_DATABASE_URL, DATABASE_URL, else
 * 127.0.0.1:5432/test) and PGlite, each in a fresh schema with the migrations applied. Store
 * contract suites run on both (`describe.each(TEST_DATABASES)`). A server that does not answer
 * fails the suite with the reason: it is never skipped.
 */
import { randomBytes } from 'node:crypto';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Sql } from './sql';

export type TestDatabaseKind = 'postgres' | 'pglite';
export const TEST_DATABASES: readonly TestDatabaseKind[] = ['postgres', 'pglite'];

export function testPostgresUrl(): string {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export interface TestDatabase {
  kind: TestDatabaseKind;
  sql: Sql;
  /** The schema the tables live in. */
  schema: string;
  /** Drops the schema and closes the connections. */
  drop(): Promise<void>;
}

/** PGlite boots in seconds: one instance per test worker, a new schema per database asked for. */
let pglite: Promise<Sql> | null = null;

export async function openTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  if (kind === 'postgres') {
    const url = testPostgresUrl();
    const admin = openPostgres({ url, max: 1 });
    try {
      await admin.exec(`CREATE SCHEMA ${schema}`);
    } catch (err) {
      await admin.close();
      throw new Error(`PostgreSQL at ${url} is needed by this test and did not answer: ${(err as Error).message}`);
    }
    const sql = openPostgres({ url, max: 10, searchPath: schema });
    await migrate(sql, Date.now());
    return {
      kind,
      sql,
      schema,
      async drop() {
        await sql.close();
        await admin.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
        await admin.close();
      },
    };
  }
  pglite ??= openPglite();
  const shared = await pglite;
  await shared.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  await migrate(shared, Date.now());
  const sql: Sql = { ...shared, close: async () => {} };
  return {
    kind,
    sql,
    schema,
    async drop() {
      await shared.exec(`SET search_path TO public; DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

/**
 * A `DATABASE_URL` for a runtime process a test starts: the real server, in a fresh schema of
 * its own (the process migrates it). Test processes do not boot embedded PGlite, whose
 * WebAssembly takes tens of seconds to start on a loaded machine; PGlite itself is covered by
 * the contract suites and `npm start`.
 */
export async function processDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = testPostgresUrl();
  const schema = `p_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres({ url: base, max: 1 });
  try {
    await admin.exec(`CREATE SCHEMA ${schema}`);
  } catch (err) {
    await admin.close();
    throw new Error(`PostgreSQL at ${base} is needed by this test and did not answer: ${(err as Error).message}`);
  }
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
      await admin.close();
    },
  };
}
