import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledMigrations, migrate } from './migrate';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from './testing';

describe.each(TEST_DATABASES)('the database layer on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  }, 60_000);
  afterAll(() => db?.drop());

  it('applies every bundled migration once, and a second run applies none', async () => {
    const { rows } = await db.sql.query<{ id: string }>('SELECT id FROM parley_migrations ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(bundledMigrations().map((m) => m.id));
    expect(await migrate(db.sql, Date.now())).toEqual([]);
  });

  it('returns int8 and numeric as numbers, jsonb as objects and arrays as arrays', async () => {
    const { rows } = await db.sql.query<{ n: number; d: number; j: unknown; a: string[] }>(
      `SELECT 9007199254740::int8 AS n, 1.5::numeric AS d, '{"x":[1]}'::jsonb AS j, ARRAY['a','b'] AS a`,
    );
    expect(rows[0]).toEqual({ n: 9007199254740, d: 1.5, j: { x: [1] }, a: ['a', 'b'] });
  });

  it('rolls a failed transaction back and commits a good one', async () => {
    const insert = (tx: typeof db.sql, id: string) =>
      tx.query('INSERT INTO segments (tenant, id, name, filter, created_at, updated_at) VALUES ($1, $2, $3, $4, 1, 1)', [
        'demo',
        id,
        id,
        { match: 'all', conditions: [] },
      ]);
    await expect(
      db.sql.transaction(async (tx) => {
        await insert(tx, 'rolled-back');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await db.sql.transaction(async (tx) => {
      await insert(tx, 'kept');
      await tx.transaction((inner) => insert(inner, 'nested'));
    });
    const { rows } = await db.sql.query<{ id: string }>('SELECT id FROM segments ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(['kept', 'nested']);
  });

  it('copies CSV chunks with COPY', async () => {
    const copied = await db.sql.copyCsv(
      'contacts',
      ['tenant', 'channel', 'address', 'name', 'created_at', 'updated_at'],
      'demo,whatsapp,+15550001,"Ann, ""A""",1,1\ndemo,whatsapp,+15550002,Bo,1,1\n',
    );
    expect(copied).toBe(2);
    const { rows } = await db.sql.query<{ name: string }>("SELECT name FROM contacts WHERE tenant = 'demo' ORDER BY address");
    expect(rows.map((r) => r.name)).toEqual(['Ann, "A"', 'Bo']);
  });

  it('refuses a COPY target that is not a plain identifier', async () => {
    await expect(db.sql.copyCsv('contacts; DROP TABLE contacts', ['tenant'], '')).rejects.toThrow(/plain SQL identifier/);
  });
});
