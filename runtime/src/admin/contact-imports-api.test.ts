import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '@parley/contract/api';
import { buildServer } from '../app/server';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import { createMemoryStores } from '../stores';
import { createTestContext } from '../testing/context';
import { contactImportsApi } from './contact-imports-api';
import { contactPrivacyApi } from './contact-privacy-api';

const NOW = Date.UTC(2025, 5, 15);
type App = Awaited<ReturnType<typeof buildServer>>;

async function serve(db?: TestDatabase) {
  const ctx = createTestContext(createMemoryStores(), db ? { db: db.sql } : {});
  ctx.now = () => NOW;
  return buildServer(ctx, {
    ingress: true,
    plugins: [(app, c) => contactImportsApi(app, c, { maxBytes: 4096 }), contactPrivacyApi],
  });
}

const upload = (app: App, csv: string, query = '') =>
  app.inject({ method: 'POST', url: `/api/contacts/imports${query}`, headers: { 'content-type': 'text/csv' }, payload: csv });

/** Polls the report until the import is no longer running. */
async function finished(app: App, id: string): Promise<ImportReport> {
  for (let i = 0; i < 200; i++) {
    const res = await app.inject({ method: 'GET', url: `/api/contacts/imports/${id}` });
    expect(res.statusCode).toBe(200);
    const report = res.json<ImportReport>();
    if (report.status !== 'running') return report;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`import ${id} still running`);
}

describe.each(TEST_DATABASES)('/api/contacts/imports and the privacy routes on %s', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    app = await serve(db);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('answers 202 with the running report, and the import finishes in the background', async () => {
    const csv = 'Mobile,Name,Opt-in\n(11) 91234-5678,Zoë,yes\n+1 415-555-2671,Sam,no\nnope,Bad,\n';
    const res = await upload(
      app,
      csv,
      `?country=BR&file=crm.csv&wording=${encodeURIComponent('Offers by WhatsApp')}&map=${encodeURIComponent(JSON.stringify({ Mobile: 'phone', Name: 'name', 'Opt-in': 'consent.marketing' }))}`,
    );
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'running', file: 'crm.csv', rows: 0 });
    const report = await finished(app, res.json().id);
    expect(report).toMatchObject({ status: 'done', rows: 3, created: 2, skipped: 1, consentRecorded: 2, problemCount: 1 });
    expect(report.problems).toEqual([{ row: 4, column: 'Mobile', problem: '"nope" is not a phone number (it has letters)' }]);
    const events = await db.sql.query<{ source_detail: object; wording: string }>(
      "SELECT source_detail, wording FROM consent_events WHERE tenant = 'demo' AND action = 'opt_in'",
    );
    expect(events.rows).toEqual([{ source_detail: { file: 'crm.csv', row: 2 }, wording: 'Offers by WhatsApp' }]);
  });

  it('a dry run reports and writes nothing', async () => {
    const res = await upload(app, 'phone\n+5511900000077\n', '?dryRun=true');
    const report = await finished(app, res.json().id);
    expect(report).toMatchObject({ status: 'done', dryRun: true, created: 1 });
    expect((await db.sql.query("SELECT 1 FROM contacts WHERE address = '+5511900000077'")).rows).toHaveLength(0);
  });

  it('refuses a file too large, an empty body, a non-CSV body and a bad mapping, precisely', async () => {
    const big = await upload(app, `phone\n${'+5511900000001\n'.repeat(400)}`);
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: 'too_large', message: expect.stringContaining('split it into several imports') });
    const empty = await upload(app, '');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('empty_file');
    const json = await app.inject({ method: 'POST', url: '/api/contacts/imports', payload: { phone: '+1' } });
    expect(json.statusCode).toBe(415);
    const badMap = await upload(app, 'phone\n+5511900000001\n', '?map=%7Bnope');
    expect(badMap.statusCode).toBe(400);
    expect(badMap.json().error.message).toMatch(/^map: expected JSON like/);
    const failed = await upload(app, 'phone\n+5511900000001\n', `?map=${encodeURIComponent('{"Cell":"phone"}')}`);
    expect(await finished(app, failed.json().id)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('"Cell", which the file does not have'),
    });
    expect((await app.inject({ method: 'GET', url: '/api/contacts/imports/nope' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/contacts/imports/nope?tenant=other' })).json().error.code).toBe('unknown_tenant');
  });

  it('exports and erases a contact; both 404 afterwards', async () => {
    const { rows } = await db.sql.query<{ id: string }>("SELECT id FROM contacts WHERE tenant = 'demo' AND address = '+5511912345678'");
    const id = rows[0]!.id;
    const exported = await app.inject({ method: 'GET', url: `/api/contacts/${id}/export` });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toBe(`attachment; filename="contact-${id}.json"`);
    expect(exported.json()).toMatchObject({
      contact: { id, name: 'Zoë' },
      consent: [{ source: 'import' }],
      conversations: [{ session: null }],
    });
    const erased = await app.inject({ method: 'DELETE', url: `/api/contacts/${id}` });
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ contactId: id, suppressed: true, rows: { contacts: 1, consent_events: 1 } });
    expect((await app.inject({ method: 'DELETE', url: `/api/contacts/${id}` })).json().error.code).toBe('unknown_contact');
    expect((await app.inject({ method: 'GET', url: `/api/contacts/${id}/export` })).statusCode).toBe(404);
  });
});

it('answers 503 no_database when the process keeps no records', async () => {
  const app = await serve();
  try {
    for (const req of [
      { method: 'POST' as const, url: '/api/contacts/imports', headers: { 'content-type': 'text/csv' }, payload: 'phone\n+1\n' },
      { method: 'GET' as const, url: '/api/contacts/imports/x' },
      { method: 'GET' as const, url: '/api/contacts/6f1c2a4e-0000-4000-8000-00000000a11c/export' },
      { method: 'DELETE' as const, url: '/api/contacts/6f1c2a4e-0000-4000-8000-00000000a11c' },
    ]) {
      const res = await app.inject(req);
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('no_database');
    }
  } finally {
    await app.close();
  }
});
