/**
 * The one way the runtime talks to PostgreSQL: a real server (`DATABASE_URL`, node-postgres) or
 * embedded PGlite (no config). Both run the same migrations and the same SQL, so every query is
 * written once; the contract tests run each store on both.
 *
 * Times are stored as Unix milliseconds (`bigint`), like everywhere else in the runtime, and the
 * runtime passes `now` in: SQL never calls now() (tests run on a fake clock).
 */
export interface SqlResult<Row> {
  rows: Row[];
  /** Rows inserted, updated, deleted or returned. */
  rowCount: number;
}

export interface Sql {
  readonly kind: 'postgres' | 'pglite';
  /** One statement with $1… parameters. int8 and numeric come back as numbers on both drivers. */
  query<Row extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<Row>>;
  /** Runs `fn` in one transaction (ROLLBACK when it throws). A call on the `tx` handle joins it. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** `COPY table (columns) FROM STDIN (FORMAT csv)` of one CSV chunk; returns the rows copied. */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<number>;
  /** Several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

/** A quoted SQL identifier (for COPY's table and column names, which cannot be parameters). */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return name
    .split('.')
    .map((part) => `"${part}"`)
    .join('.');
}
