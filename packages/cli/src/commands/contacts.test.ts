/** `parley contacts …` and `parley db migrate`, in process, against the real PostgreSQL server (a fresh schema) and PGlite in a folder. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Tests may reach into the runtime's test helpers (a fresh schema per suite).
import { openTestDatabase, testPostgresUrl, type TestDatabase } from '../../../../runtime/src/db/testing';
import { main } from '../main';

async function parley(args: string[], cwd: string, env: Record<string, string | undefined>) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    color: false,
    interactive: false,
    stdin: process.stdin,
    cwd,
    env,
  });
  return { code, stdout, stderr };
}

/** The test server, its connections confined to one schema. */
function schemaUrl(schema: string): string {
  const url = new URL(testPostgresUrl());
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

const CSV = [
  'Mobile,Name,Opt-in,Notes',
  '(11) 91234-5678,Zoë,yes,vip',
  '+1 415-555-2671,Sam,no,',
  'not a number,Bad,,',
  '11 91234-5678,Zoë again,,',
].join('\n');

describe('parley contacts on PostgreSQL', () => {
  let db: TestDatabase;
  let dir: string;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    db = await openTestDatabase('postgres');
    dir = mkdtempSync(join(tmpdir(), 'parley-contacts-cli-'));
    writeFileSync(join(dir, 'list.csv'), CSV);
    env = { DATABASE_URL: schemaUrl(db.schema) };
  }, 60_000);
  afterAll(() => db?.drop());

  it('imports a file: the report lists every problem by row and column, and exit 1 because of them', async () => {
    const dry = await parley(
      [
        'contacts',
        'import',
        'list.csv',
        '--tenant',
        'shop',
        '--country',
        'BR',
        '--map',
        'Mobile=phone,Name=name,Opt-in=consent.marketing,Notes=ignore',
        '--wording',
        'Offers by WhatsApp',
        '--dry-run',
      ],
      dir,
      env,
    );
    expect(dry.stdout).toContain('(dry run: nothing written)');
    expect(dry.stdout).toContain('4 rows: 2 would be created, 0 would be updated, 2 skipped; 2 consent events would be recorded');
    expect((await db.sql.query("SELECT 1 FROM contacts WHERE tenant = 'shop'")).rows).toHaveLength(0);

    const run = await parley(
      [
        'contacts',
        'import',
        'list.csv',
        '--tenant',
        'shop',
        '--country',
        'BR',
        '--map',
        'Mobile=phone,Name=name,Opt-in=consent.marketing,Notes=ignore',
        '--wording',
        'Offers by WhatsApp',
      ],
      dir,
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('4 rows: 2 created, 0 updated, 2 skipped; 2 consent events recorded');
    expect(run.stdout).toContain('row 4 Mobile: "not a number" is not a phone number (it has letters)');
    expect(run.stdout).toContain('row 5: +5511912345678 is already in row 2: only the first is imported');
    expect(run.stdout).toContain('done with 2 problem(s)');
    expect(run.stderr).toContain('… 4 rows read, 2 imported, 2 skipped');
    const rows = await db.sql.query<{ name: string }>("SELECT name FROM contacts WHERE tenant = 'shop' ORDER BY name");
    expect(rows.rows.map((r) => r.name)).toEqual(['Sam', 'Zoë']);

    const json = await parley(
      [
        'contacts',
        'import',
        'list.csv',
        '--tenant',
        'shop',
        '--json',
        '--map',
        'Mobile=phone,Notes=ignore,Opt-in=ignore,Name=ignore',
        '--country',
        'BR',
      ],
      dir,
      env,
    );
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'done', created: 0, updated: 2, problemCount: 2 });
  });

  it('exports and erases one person (no REDIS_URL: says Redis was not reached)', async () => {
    const { rows } = await db.sql.query<{ id: string }>("SELECT id FROM contacts WHERE tenant = 'shop' AND name = 'Zoë'");
    const id = rows[0]!.id;
    const exported = await parley(['contacts', 'export', id, '--tenant', 'shop'], dir, env);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('REDIS_URL is not set');
    expect(JSON.parse(exported.stdout)).toMatchObject({
      contact: { id, name: 'Zoë' },
      consent: [{ source: 'import', sourceDetail: { file: 'list.csv', row: 2 } }],
    });

    const refused = await parley(['contacts', 'erase', id, '--tenant', 'shop'], dir, env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('cannot be undone: add --yes');
    const erased = await parley(['contacts', 'erase', id, '--tenant', 'shop', '--yes'], dir, env);
    expect(erased.code).toBe(0);
    expect(erased.stdout).toMatch(new RegExp(`^erased ${id}: rows .*contacts 1.*; suppression entry kept`));
    const again = await parley(['contacts', 'export', id, '--tenant', 'shop'], dir, env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`no contact "${id}" in tenant shop`);
  });

  it('migrates a new database and says when it is up to date', async () => {
    const fresh = `t_cli_${Date.now().toString(36)}`;
    await db.sql.exec(`CREATE SCHEMA ${fresh}`);
    try {
      // Trust auth ignores the password: it is there to check that it is never printed.
      const withPassword = new URL(schemaUrl(fresh));
      withPassword.password = 'hunter2-secret';
      const first = await parley(['db', 'migrate'], dir, { DATABASE_URL: withPassword.toString() });
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/applied 0001_business_records/);
      expect(first.stdout).not.toContain('hunter2-secret');
      const second = await parley(['db', 'migrate', '--json'], dir, { DATABASE_URL: schemaUrl(fresh) });
      expect(JSON.parse(second.stdout)).toMatchObject({ applied: [] });
    } finally {
      await db.sql.exec(`DROP SCHEMA ${fresh} CASCADE`);
    }
  });
});

describe('parley contacts and db on embedded PGlite (the config names its folder)', () => {
  it('migrates and imports into database.pgliteDir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-contacts-pglite-'));
    writeFileSync(
      join(dir, 'parley.config.json'),
      JSON.stringify({
        database: { pgliteDir: 'records' },
        marketing: { defaultCountry: 'BR' },
        tenants: [{ id: 'shop', channels: [{ type: 'whatsapp', phoneNumberId: '1065403522' }] }],
      }),
    );
    writeFileSync(join(dir, 'ok.csv'), 'phone,name\n(11) 91234-5678,Zoë\n');
    const migrated = await parley(['db', 'migrate'], dir, {});
    expect(migrated.stdout).toContain('embedded PGlite in');
    expect(migrated.stdout).toContain('applied 0001_business_records');
    const run = await parley(['contacts', 'import', 'ok.csv'], dir, {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 rows: 1 created');
    expect(run.stdout).toContain('tenant shop in embedded PGlite');
  }, 60_000);
});

describe('parley contacts: command lines that are wrong', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-contacts-usage-'));
  writeFileSync(join(dir, 'a.csv'), 'phone\n+5511912345678\n');
  it.each([
    [['contacts'], 2, 'Usage: parley contacts <subcommand>'],
    [['contacts', 'purge'], 2, 'unknown subcommand "purge"'],
    [['contacts', 'import'], 2, 'which file?'],
    [['contacts', 'import', 'nope.csv', '--tenant', 't'], 1, 'nope.csv: no such file'],
    [['contacts', 'import', 'a.csv', '--map', 'Mobile'], 2, '"Mobile" is not column=attribute'],
    [['contacts', 'import', 'a.csv', '--country', 'Brazil'], 2, 'expected a two-letter country code'],
    [['contacts', 'import', 'a.csv', '--channel', 'sms'], 2, 'expected whatsapp, messenger, instagram'],
    [['contacts', 'import', 'a.csv'], 2, 'which tenant? Give --tenant <id>'],
    [['contacts', 'import', 'a.csv', '--tenant', 't'], 1, 'no database to open: set DATABASE_URL'],
    [['contacts', 'export'], 2, 'which contact?'],
    [['db'], 2, 'Usage: parley db migrate'],
    [['db', 'drop'], 2, 'unknown subcommand "drop"'],
  ])('parley %j → exit %i', async (args, code, message) => {
    const run = await parley(args, dir, {});
    expect(run.code).toBe(code);
    expect(run.stdout + run.stderr).toContain(message);
  });
});
