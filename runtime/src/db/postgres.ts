/** node-postgres behind the `Sql` interface: a pool, int8/numeric parsed to numbers, COPY through pg-copy-streams. */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ident, type Sql, type SqlResult } from './sql';

const INT8 = 20;
const NUMERIC = 1700;

/** Per-pool parsers, so other pg users in the process keep their defaults. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PostgresOptions {
  url: string;
  /** Connections in the pool (default 10). */
  max?: number;
  /** Tests: every connection uses this schema first (an isolated schema per suite). */
  searchPath?: string;
}

export function openPostgres(opts: PostgresOptions): Sql {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max ?? 10,
    types,
    ...(opts.searchPath ? { options: `-c search_path=${opts.searchPath}` } : {}),
  });
  // An idle client's error (the server restarted) must not crash the process: the pool replaces it.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    query: (text, params) => run(pool, text, params),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(clientSql(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async copyCsv(table, columns, csv) {
      const client = await pool.connect();
      try {
        return await copy(client, table, columns, csv);
      } finally {
        client.release();
      }
    },
    async exec(script) {
      await pool.query(script);
    },
    close: () => pool.end(),
  };
}

/** A transaction's handle: everything on its one client; a nested transaction joins it. */
function clientSql(client: pg.PoolClient): Sql {
  const self: Sql = {
    kind: 'postgres',
    query: (text, params) => run(client, text, params),
    transaction: (fn) => fn(self),
    copyCsv: (table, columns, csv) => copy(client, table, columns, csv),
    async exec(script) {
      await client.query(script);
    },
    close: async () => {},
  };
  return self;
}

async function run<Row extends object>(
  db: pg.Pool | pg.PoolClient,
  text: string,
  params: readonly unknown[] = [],
): Promise<SqlResult<Row>> {
  const res = await db.query(text, params as unknown[]);
  return { rows: res.rows as Row[], rowCount: res.rowCount ?? res.rows.length };
}

async function copy(client: pg.PoolClient, table: string, columns: readonly string[], csv: string): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM STDIN WITH (FORMAT csv)`));
  await pipeline(Readable.from([csv]), stream);
  return stream.rowCount;
}
