/**
 * Embedded PostgreSQL (PGlite, WASM) behind the `Sql` interface: the no-config default of
 * `npm start`, and the second database every store contract test runs on. One connection:
 * PGlite serialises queries and transactions itself.
 */
import { PGlite, types } from '@electric-sql/pglite';
import { ident, type Sql, type SqlResult } from './sql';

export interface PgliteOptions {
  /** A folder to keep the data in; absent: in memory (lost on exit). */
  dataDir?: string;
  /** Tests: use this schema first. */
  searchPath?: string;
}

/** PGlite takes seconds to boot: a process opens it once per data dir and shares it. */
export async function openPglite(opts: PgliteOptions = {}): Promise<Sql> {
  const db = await PGlite.create(opts.dataDir ?? 'memory://', {
    parsers: { [types.NUMERIC]: (value: string) => Number(value), [types.INT8]: (value: string) => Number(value) },
  });
  if (opts.searchPath) await db.exec(`CREATE SCHEMA IF NOT EXISTS ${ident(opts.searchPath)}; SET search_path TO ${ident(opts.searchPath)}`);
  return wrap(db, () => db.close());
}

/** Either the database or an open transaction: both have query/exec. */
interface Queryable {
  query<Row>(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ rows: Row[]; affectedRows?: number }>;
  exec(script: string): Promise<unknown>;
}

function wrap(db: Queryable & Partial<Pick<PGlite, 'transaction'>>, close: () => Promise<void>): Sql {
  const self: Sql = {
    kind: 'pglite',
    async query<Row extends object>(text: string, params: readonly unknown[] = []): Promise<SqlResult<Row>> {
      const res = await db.query<Row>(text, params as unknown[]);
      return { rows: res.rows, rowCount: res.affectedRows || res.rows.length };
    },
    transaction: db.transaction
      ? <T>(fn: (tx: Sql) => Promise<T>) => db.transaction!((tx) => fn(wrap(tx as unknown as Queryable, close)))
      : (fn) => fn(self),
    async copyCsv(table, columns, csv) {
      const res = await db.query(`COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([csv]),
      });
      return res.affectedRows ?? 0;
    },
    async exec(script) {
      await db.exec(script);
    },
    close,
  };
  return self;
}
