/**
 * Plain SQL migrations (`migrations/NNNN_name.sql`), applied in order, each in its own
 * transaction under an advisory lock, so processes starting together migrate once. Run at start
 * and by `parley db migrate`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sql } from './sql';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Any constant: the lock only has to be the same number in every Parley process. */
const MIGRATION_LOCK = 712_480_031;

export interface Migration {
  id: string;
  sql: string;
}

export function bundledMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ id: f.replace(/\.sql$/, ''), sql: readFileSync(dir + f, 'utf8') }));
}

/** Applies what is missing; returns the ids applied now. */
export async function migrate(sql: Sql, now: number, migrations: Migration[] = bundledMigrations()): Promise<string[]> {
  await sql.exec('CREATE TABLE IF NOT EXISTS parley_migrations (id text PRIMARY KEY, applied_at bigint NOT NULL)');
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const seen = await tx.query('SELECT 1 FROM parley_migrations WHERE id = $1', [migration.id]);
      if (seen.rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO parley_migrations (id, applied_at) VALUES ($1, $2)', [migration.id, now]);
      return true;
    });
    if (done) applied.push(migration.id);
  }
  return applied;
}
