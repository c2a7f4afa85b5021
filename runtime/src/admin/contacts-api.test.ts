/**
 * /api/contacts and /api/contact-fields through the real server (auth, schemas, error shapes) on
 * PostgreSQL and PGlite, and the 503 of a process without records.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app/server';
import { recordConsent } from '../consent/ledger';
import { findContact } from '../contacts/repository';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import { createMemoryStores } from '../stores';
import { createTestContext, TEST_ADMIN_TOKEN, testConfig } from '../testing/context';
import { adminRoutes } from './routes';

async function server(db?: TestDatabase): Promise<FastifyInstance> {
  const ctx = createTestContext(createMemoryStores(), {
    ...(db ? { db: db.sql } : {}),
    config: testConfig({ marketing: { defaultCountry: 'BR' } }),
  });
  let clock = 1_000_000;
  ctx.now = () => (clock += 1000);
  const app = await buildServer(ctx, { ingress: true, plugins: [adminRoutes] });
  await app.ready();
  return app;
}

// The answers are many shapes; the assertions check them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe.each(TEST_DATABASES)('the contacts API on %s', (kind) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: unknown,
  ): Promise<{ status: number; body: Json }> => {
    const res = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    return { status: res.statusCode, body: res.json() };
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    app = await server(db);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('defines custom fields, creates and updates contacts by address, and says precisely what is wrong', async () => {
    const fields = [
      { key: 'plan', label: 'Plan', type: 'choice', choices: ['free', 'gold'] },
      { key: 'orders', label: 'Orders', type: 'number' },
    ];
    expect(await call('PUT', '/api/contact-fields', { fields })).toEqual({ status: 200, body: { fields } });
    expect(await call('GET', '/api/contact-fields')).toEqual({ status: 200, body: { fields } });
    const dup = await call('PUT', '/api/contact-fields', { fields: [fields[1], fields[1]] });
    expect(dup).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_fields', message: 'fields[1].key: "orders" is defined twice' } },
    });

    const made = await call('POST', '/api/contacts', {
      channel: 'whatsapp',
      address: '(11) 91234-5678',
      name: 'Ana',
      fields: { plan: 'gold' },
    });
    expect(made.status).toBe(201);
    expect(made.body.contact).toMatchObject({
      address: '+5511912345678',
      name: 'Ana',
      timezone: 'America/Sao_Paulo',
      fields: { plan: 'gold' },
      source: 'api',
      consent: { marketing: { status: 'none' }, utility: { status: 'none' } },
    });
    const again = await call('POST', '/api/contacts', { channel: 'whatsapp', address: '+55 11 91234-5678', tags: ['vip'] });
    expect(again.status).toBe(200);
    expect(again.body.contact).toMatchObject({ id: made.body.contact.id, name: 'Ana', tags: ['vip'] });

    const bad = await call('POST', '/api/contacts', { channel: 'whatsapp', address: '+5511912345678', fields: { plan: 'platinum' } });
    expect(bad).toEqual({
      status: 400,
      body: {
        error: {
          code: 'invalid_contact',
          message: 'fields.plan: expected one of "free", "gold", got "platinum"',
          details: { path: 'fields.plan', problem: 'expected one of "free", "gold", got "platinum"' },
        },
      },
    });
    const badNumber = await call('POST', '/api/contacts', { channel: 'whatsapp', address: '123' });
    expect(badNumber.body.error).toMatchObject({ code: 'invalid_contact', details: { path: 'address' } });
    const schemaBad = await call('POST', '/api/contacts', { channel: 'sms', address: '1' });
    expect(schemaBad.status).toBe(400);
  });

  it('reads and patches one contact, with its consent; 404 for an unknown one', async () => {
    const ana = (await findContact(db.sql, 'demo', 'whatsapp', '+5511912345678'))!;
    await recordConsent(db.sql, {
      tenant: 'demo',
      contactId: ana.id,
      purpose: 'marketing',
      action: 'opt_in',
      channel: 'whatsapp',
      source: 'api',
      wording: 'Offers by WhatsApp',
      recordedBy: 'tester',
      at: 2_000_000,
    });
    const read = await call('GET', `/api/contacts/${ana.id}`);
    expect(read.body.contact.consent.marketing).toMatchObject({ status: 'opted_in', at: 2_000_000 });
    const patched = await call('PATCH', `/api/contacts/${ana.id}`, { language: 'pt_BR', fields: { orders: 4 } });
    expect(patched).toMatchObject({ status: 200, body: { contact: { language: 'pt_BR', fields: { plan: 'gold', orders: 4 } } } });
    const badZone = await call('PATCH', `/api/contacts/${ana.id}`, { timezone: 'Moon/Base' });
    expect(badZone.body.error).toMatchObject({ code: 'invalid_contact', details: { path: 'timezone' } });
    expect((await call('GET', '/api/contacts/00000000-0000-4000-8000-000000000000')).body.error.code).toBe('unknown_contact');
    expect((await call('GET', '/api/contacts/not-a-uuid')).status).toBe(404);
    expect((await call('PATCH', '/api/contacts/not-a-uuid', { name: 'x' })).status).toBe(404);
    expect((await call('GET', `/api/contacts/${ana.id}?tenant=nope`)).body.error.code).toBe('unknown_tenant');
  });

  it('lists with search, an ad-hoc filter and a saved segment, in pages; a bad filter is a 400 naming the path', async () => {
    for (const [address, name, plan] of [
      ['+14155552671', 'Bob', 'free'],
      ['+34612345678', 'Carmen', 'gold'],
      ['+4915112345678', 'Dieter', 'free'],
    ] as const)
      expect((await call('POST', '/api/contacts', { channel: 'whatsapp', address, name, fields: { plan } })).status).toBe(201);
    const all = await call('GET', '/api/contacts?limit=2');
    expect(all.body.total).toBe(4);
    expect(all.body.contacts.map((c: Json) => c.name)).toEqual(['Dieter', 'Carmen']);
    const next = await call('GET', `/api/contacts?limit=2&cursor=${all.body.nextCursor}`);
    expect(next.body.contacts.map((c: Json) => c.name)).toEqual(['Bob', 'Ana']);
    expect(next.body.nextCursor).toBeUndefined();
    expect((await call('GET', '/api/contacts?q=carm')).body.contacts.map((c: Json) => c.name)).toEqual(['Carmen']);

    const gold = { match: 'all', conditions: [{ field: 'fields.plan', op: 'eq', value: 'gold' }] };
    const byFilter = await call('GET', `/api/contacts?filter=${encodeURIComponent(JSON.stringify(gold))}`);
    expect(byFilter.body.contacts.map((c: Json) => c.name).sort()).toEqual(['Ana', 'Carmen']);
    expect(byFilter.body.total).toBe(2);

    await db.sql.query(
      `INSERT INTO segments (tenant, id, name, filter, created_at, updated_at) VALUES ('demo', 'consented', 'Consented', $1::jsonb, 1, 1)`,
      [JSON.stringify({ match: 'all', conditions: [{ consent: 'marketing', is: 'opted_in' }] })],
    );
    const seg = await call('GET', '/api/contacts?segment=consented');
    expect(seg.body.contacts.map((c: Json) => c.name)).toEqual(['Ana']);
    const both = await call('GET', `/api/contacts?segment=consented&q=bob`);
    expect(both.body).toEqual({ contacts: [], total: 0 });
    expect((await call('GET', '/api/contacts?segment=nope')).body.error.code).toBe('unknown_segment');

    const badFilter = await call(
      'GET',
      `/api/contacts?filter=${encodeURIComponent(JSON.stringify({ match: 'all', conditions: [{ field: 'name', op: 'zz' }] }))}`,
    );
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error).toMatchObject({ code: 'bad_filter', details: { path: 'conditions[0].op' } });
    expect((await call('GET', '/api/contacts?filter=%7Bnot json')).body.error.code).toBe('bad_filter');
    expect((await call('GET', '/api/contacts?cursor=zzz')).body.error).toMatchObject({
      code: 'invalid_contact',
      details: { path: 'cursor' },
    });
  });

  it("gives a contact's timeline newest first: activity, consent and campaign records", async () => {
    const bob = (await findContact(db.sql, 'demo', 'whatsapp', '+14155552671'))!;
    await db.sql.query(
      `INSERT INTO contact_activity (tenant, contact_id, kind, flow_id, node_id, campaign_id, value, at) VALUES
         ('demo', $1, 'flow_entered', 'cart', NULL, NULL, NULL, 100),
         ('demo', $1, 'button_clicked', 'cart', 'remind', 'spring', 'Buy now', 400)`,
      [bob.id],
    );
    await db.sql.query(
      `INSERT INTO campaigns (tenant, id, name, status, schedule, variants, created_by, created_at, updated_at)
       VALUES ('demo', 'spring', 'Spring sale', 'running', '{"type":"now"}', '[{"id":"a","weight":1}]', 'tester', 1, 1)`,
    );
    await db.sql.query(
      `INSERT INTO campaign_recipients (tenant, campaign_id, contact_id, variant, status, due_at, sent_at, read_at)
       VALUES ('demo', 'spring', $1, 'a', 'read', 150, 200, 300)`,
      [bob.id],
    );
    await recordConsent(db.sql, {
      tenant: 'demo',
      contactId: bob.id,
      purpose: 'marketing',
      action: 'opt_out',
      channel: 'whatsapp',
      source: 'keyword',
      sourceDetail: { keyword: 'STOP' },
      recordedBy: 'runtime',
      at: 500,
    });
    const { body } = await call('GET', `/api/contacts/${bob.id}/timeline`);
    expect(body.entries).toEqual([
      { at: 500, kind: 'consent', summary: 'Opted out of marketing messages (keyword: keyword STOP; recorded by runtime)' },
      // The ledger credits the opt-out to the campaign that last messaged the person.
      { at: 500, kind: 'campaign_opted_out', summary: 'Opted out after campaign "Spring sale"', campaign: 'spring' },
      {
        at: 400,
        kind: 'button_clicked',
        summary: 'Tapped "Buy now" in flow cart (campaign spring)',
        flow: 'cart',
        node: 'remind',
        campaign: 'spring',
      },
      { at: 300, kind: 'campaign_read', summary: 'Campaign "Spring sale" read', campaign: 'spring' },
      { at: 200, kind: 'campaign_sent', summary: 'Sent campaign "Spring sale" (variant a)', campaign: 'spring' },
      { at: 100, kind: 'flow_entered', summary: 'Entered flow cart', flow: 'cart' },
    ]);
    expect((await call('GET', `/api/contacts/${bob.id}/timeline?limit=2`)).body.entries).toHaveLength(2);
    expect((await call('GET', '/api/contacts/00000000-0000-4000-8000-000000000000/timeline')).status).toBe(404);
  });
});

describe('the contacts API without a database', () => {
  it('answers 503 no_database on every route', async () => {
    const app = await server();
    try {
      for (const [method, url] of [
        ['GET', '/api/contacts'],
        ['GET', '/api/contacts/00000000-0000-4000-8000-000000000000'],
        ['GET', '/api/contact-fields'],
      ] as const) {
        const res = await app.inject({ method, url, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
        expect([url, res.statusCode, res.json().error.code]).toEqual([url, 503, 'no_database']);
      }
      const post = await app.inject({
        method: 'POST',
        url: '/api/contacts',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        payload: { channel: 'whatsapp', address: '+14155552671' },
      });
      expect(post.statusCode).toBe(503);
      expect((await app.inject({ method: 'GET', url: '/api/contacts' })).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});
