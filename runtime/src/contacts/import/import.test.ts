import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consentEvents, consentOf } from '../../consent/ledger';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../../db/testing';
import { suppressionHash } from '../../consent/contact-ref';
import { putFieldDefinitions } from '../fields';
import { ImportMappingError, parseMapOption } from './mapping';
import { importContacts, type ImportOptions } from './run';
import { getImportReport } from './reports';

const NOW = Date.UTC(2025, 4, 1, 12);

/** The file in small chunks, cut mid-line: the parser must not care where the network cuts. */
function stream(text: string, chunk = 7): Readable {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += chunk) parts.push(text.slice(i, i + chunk));
  return Readable.from(parts);
}

describe.each(TEST_DATABASES)('contact import on %s', (kind) => {
  let db: TestDatabase;
  let tenant: string;
  let n = 0;
  const run = (csv: string, over: Partial<ImportOptions> = {}) =>
    importContacts(db.sql, stream(csv), { tenant, actor: 'ann', now: () => NOW, file: 'list.csv', ...over });
  const contact = async (address: string) =>
    (
      await db.sql.query<{
        id: string;
        name: string | null;
        language: string | null;
        timezone: string | null;
        tags: string[];
        fields: object;
        source: string;
      }>('SELECT id, name, language, timezone, tags, fields, source FROM contacts WHERE tenant = $1 AND address = $2', [tenant, address])
    ).rows[0];

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  }, 60_000);
  afterAll(() => db?.drop());
  beforeEach(async () => {
    tenant = `t${++n}`;
    await putFieldDefinitions(db.sql, tenant, [
      { key: 'plan', label: 'Plan', type: 'choice', choices: ['gold', 'silver'] },
      { key: 'visits', label: 'Visits', type: 'number' },
      { key: 'birthday', label: 'Birthday', type: 'date' },
    ]);
  });

  it('imports rows: numbers normalized, fields typed, tags split, consent in the ledger with file and row', async () => {
    const csv = [
      'phone,name,language,tags,fields.plan,fields.visits,consent.marketing,consent.wording,consent.at',
      '"(11) 91234-5678",Zoë,pt_BR,vip; early ,Gold,3,yes,Send me offers on WhatsApp,2025-04-01T10:00:00Z',
      '+1 415-555-2671,Sam,en,,silver,,no,,',
      '0044 7911 123456,"Ann, Jr.",,,,,,,',
    ].join('\n');
    const progress: number[] = [];
    const report = await run(csv, { defaultCountry: 'BR', onProgress: (r) => progress.push(r.rows) });
    expect(report).toMatchObject({ status: 'done', rows: 3, created: 3, updated: 0, skipped: 0, consentRecorded: 2, problemCount: 0 });
    expect(progress.at(-1)).toBe(3);
    const zoe = await contact('+5511912345678');
    expect(zoe).toMatchObject({ name: 'Zoë', language: 'pt_BR', timezone: 'America/Sao_Paulo', tags: ['vip', 'early'], source: 'import' });
    expect(zoe?.fields).toEqual({ plan: 'gold', visits: 3 });
    expect((await contact('+447911123456'))?.name).toBe('Ann, Jr.');
    const events = await consentEvents(db.sql, tenant, zoe!.id);
    expect(events).toMatchObject([
      {
        purpose: 'marketing',
        action: 'opt_in',
        source: 'import',
        sourceDetail: { file: 'list.csv', row: 2 },
        wording: 'Send me offers on WhatsApp',
        recordedBy: 'import:list.csv',
        at: Date.UTC(2025, 3, 1, 10),
      },
    ]);
    const sam = await contact('+14155552671');
    expect((await consentOf(db.sql, tenant, sam!.id)).marketing.status).toBe('opted_out');
    expect(await getImportReport(db.sql, tenant, report.id)).toEqual(report);
    const audit = await db.sql.query<{ actor: string; detail: { created: number } }>(
      "SELECT actor, detail FROM audit_log WHERE tenant = $1 AND action = 'contacts.import'",
      [tenant],
    );
    expect(audit.rows).toMatchObject([{ actor: 'ann', detail: { created: 3 } }]);
  });

  it('reports every problem by row and column, and skips those rows whole', async () => {
    const csv = [
      'phone,name,timezone,fields.plan,fields.birthday,consent.marketing,notes',
      '+5511912345678,Ok,,,,,x',
      'not a number,Bad,,,,,',
      '+5511912345679,Tz,Mars/Base,platinum,2024-02-30,maybe,',
      '+5511912345680,NoWording,,,,yes,',
      '+55 11 91234-5678,Dup,,,,,',
      '+5511912345681,Short',
      ',Empty,,,,,',
    ].join('\n');
    const report = await run(csv);
    expect(report.status).toBe('done');
    expect(report).toMatchObject({ rows: 7, created: 1, skipped: 6 });
    expect(report.problems).toEqual([
      { row: 1, column: 'notes', problem: expect.stringContaining('not imported: no contact attribute has this name') },
      { row: 3, column: 'phone', problem: '"not a number" is not a phone number (it has letters)' },
      { row: 4, column: 'timezone', problem: 'expected an IANA time zone like America/Sao_Paulo, got "Mars/Base"' },
      { row: 4, column: 'fields.plan', problem: 'expected one of "gold", "silver", got "platinum"' },
      { row: 4, column: 'fields.birthday', problem: 'expected a date YYYY-MM-DD that exists, got "2024-02-30"' },
      { row: 4, column: 'consent.marketing', problem: expect.stringContaining('expected yes/no') },
      { row: 5, column: 'consent.marketing', problem: expect.stringContaining('a marketing opt-in needs the words the person agreed to') },
      { row: 6, problem: '+5511912345678 is already in row 2: only the first is imported' },
      { row: 7, problem: 'has 2 cells where the header has 7' },
      { row: 8, column: 'phone', problem: 'the address is empty' },
    ]);
    expect(report.problemCount).toBe(10);
    expect(await contact('+5511912345679')).toBeUndefined();
  });

  it('a file-level wording satisfies the opt-in rule; a re-import updates (blank cells keep, tags add, fields merge)', async () => {
    const first = await run('phone,name,tags,fields.plan,consent.marketing\n+5511912345678,Zoë,a,gold,yes\n', {
      wording: 'Offers by WhatsApp',
    });
    expect(first).toMatchObject({ created: 1, consentRecorded: 1, problemCount: 0 });
    const again = await run('phone,name,tags,fields.visits,timezone\n+5511912345678,,b,7,Europe/Lisbon\n+5511912345699,New,,,\n');
    expect(again).toMatchObject({ created: 1, updated: 1 });
    const zoe = await contact('+5511912345678');
    expect(zoe).toMatchObject({ name: 'Zoë', tags: ['a', 'b'], fields: { plan: 'gold', visits: 7 }, timezone: 'Europe/Lisbon' });
    // A guess from the number never replaces a zone the contact has.
    await run('phone,name\n+5511912345678,Zoë Q\n');
    expect((await contact('+5511912345678'))?.timezone).toBe('Europe/Lisbon');
    expect((await consentOf(db.sql, tenant, zoe!.id)).marketing).toMatchObject({ status: 'opted_in', at: NOW });
  });

  it('does not bring back an erased person (suppression entry)', async () => {
    await db.sql.query("INSERT INTO suppressions (tenant, channel, address_hash, reason, at) VALUES ($1, 'whatsapp', $2, 'erased', 1)", [
      tenant,
      suppressionHash({ tenant, channel: 'whatsapp', address: '+5511912345678' }),
    ]);
    const report = await run('phone\n5511912345678\n+5511912345670\n');
    expect(report).toMatchObject({ created: 1, skipped: 1 });
    expect(report.problems).toEqual([
      { row: 2, problem: "+5511912345678 was erased at the person's request (a suppression entry): not imported" },
    ]);
    expect(await contact('+5511912345678')).toBeUndefined();
  });

  it('a dry run counts what would happen and writes nothing but its report', async () => {
    await run('phone\n+5511912345678\n');
    const dry = await run('phone,consent.marketing,consent.wording\n+5511912345678,yes,ok\n+5511912345677,no,\n', { dryRun: true });
    expect(dry).toMatchObject({ status: 'done', dryRun: true, rows: 2, created: 1, updated: 1, consentRecorded: 2 });
    expect(await contact('+5511912345677')).toBeUndefined();
    const events = await db.sql.query('SELECT 1 FROM consent_events WHERE tenant = $1', [tenant]);
    expect(events.rows).toHaveLength(0);
  });

  it('writes in batches and reports progress after each', async () => {
    const lines = ['phone,name'];
    for (let i = 0; i < 25; i++) lines.push(`+55119123456${String(i).padStart(2, '0')},P${i}`);
    const progress: number[] = [];
    const report = await run(lines.join('\r\n'), { batchSize: 10, onProgress: (r) => progress.push(r.created) });
    expect(report).toMatchObject({ created: 25, skipped: 0 });
    expect(progress).toEqual([10, 20, 25, 25]);
  });

  it('fails with a precise message on a bad mapping, an empty file and broken CSV', async () => {
    const noPhone = await run('name,email\nZoë,z@x\n');
    expect(noPhone.status).toBe('failed');
    expect(noPhone.error).toContain('no column holds the phone number or address');
    const badMap = await run('Mobile,Plan\n+5511912345678,gold\n', { mapping: { Mobile: 'phone', Plan: 'fields.tier' } });
    expect(badMap.error).toBe(
      'column "Plan" is mapped to "fields.tier": no custom field "tier" is defined (defined: plan, visits, birthday)',
    );
    const missing = await run('phone\n+5511912345678\n', { mapping: { Cell: 'phone' } });
    expect(missing.error).toContain('the mapping names column "Cell", which the file does not have');
    expect((await run('')).error).toContain('the file is empty');
    const broken = await run('phone,name\n+5511912345678,"Zo"ë\n');
    expect(broken.status).toBe('failed');
    expect(broken.error).toMatch(/^the file is not valid CSV at line 2: /);
    expect(broken.problems[0]).toMatchObject({ row: 2 });
  });

  it('maps columns by the --map option', async () => {
    expect(parseMapOption('Mobile=phone, Opt-in = consent.marketing,Notes=ignore')).toEqual({
      Mobile: 'phone',
      'Opt-in': 'consent.marketing',
      Notes: 'ignore',
    });
    expect(() => parseMapOption('Mobile')).toThrow(ImportMappingError);
    const report = await run('Mobile,Notes,Opt-in\n+5511912345678,hi,0\n', {
      mapping: parseMapOption('Mobile=phone,Notes=ignore,Opt-in=consent.marketing'),
    });
    expect(report).toMatchObject({ status: 'done', created: 1, consentRecorded: 1, problemCount: 0 });
  });
});
