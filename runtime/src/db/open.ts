/**
 * Opens the business-records database the config names — PostgreSQL (`DATABASE_URL`) or
 * embedded PGlite — and brings its schema up to date.
 */
import { mkdirSync } from 'node:fs';
import type { ResolvedConfig } from '../config/types';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Sql } from './sql';

export interface OpenedDatabase {
  sql: Sql;
  /** For the start-up log line: where the records live (never the password). */
  description: string;
  /** Migrations applied by this start. */
  applied: string[];
}

export async function openDatabase(database: ResolvedConfig['database'], now: number): Promise<OpenedDatabase> {
  let sql: Sql;
  let description: string;
  if (database.url) {
    sql = openPostgres({ url: database.url, max: database.poolSize });
    description = `PostgreSQL ${redactPostgresUrl(database.url)}`;
  } else {
    if (database.pgliteDir) mkdirSync(database.pgliteDir, { recursive: true });
    sql = await openPglite(database.pgliteDir ? { dataDir: database.pgliteDir } : {});
    description = database.pgliteDir ? `embedded PGlite in ${database.pgliteDir}` : 'embedded PGlite in memory';
  }
  try {
    const applied = await migrate(sql, now);
    return { sql, description, applied };
  } catch (err) {
    await sql.close().catch(() => {});
    throw new Error(`the database (${description}) could not be prepared: ${(err as Error).message}`);
  }
}

export function redactPostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
