import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app/server';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import { createMemoryStores } from '../stores';
import { createTestContext } from '../testing/context';
import { consentApi } from './consent-api';

const NOW = Date.UTC(2025, 5, 15);

async function serve(db?: TestDatabase) {
  const ctx = createTestContext(createMemoryStores(), db ? { db: db.sql } : {});
  ctx.now = () => NOW;
  return buildServer(ctx, { ingress: true, plugins: [consentApi] });
}

describe.each(TEST_DATABASES)('/api/contacts/:id/consent on %s', (kind) => {
  let db: TestDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let id: string;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const { rows } = await db.sql.query<{ id: string }>(
      `INSERT INTO contacts (tenant, channel, address, created_at, updated_at) VALUES ('demo', 'whatsapp', '+5511900000001', 1, 1) RETURNING id`,
    );
    id = rows[0]!.id;
    app = await serve(db);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('starts with no consent and an empty ledger', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/contacts/${id}/consent` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ contactId: id, state: { marketing: { status: 'none' }, utility: { status: 'none' } }, events: [] });
  });

  it('refuses an opt-in without the wording, with the reason', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/contacts/${id}/consent`,
      payload: { purpose: 'marketing', action: 'opt_in', wording: ' ' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('wording_required');
  });

  it('records an agent’s opt-in and an API opt-out, by the admin user', async () => {
    const optIn = await app.inject({
      method: 'POST',
      url: `/api/contacts/${id}/consent`,
      payload: { purpose: 'marketing', action: 'opt_in', wording: 'Yes to offers by WhatsApp (phone call 2025-06-15)', source: 'agent' },
    });
    expect(optIn.statusCode).toBe(200);
    expect(optIn.json().state.marketing).toEqual({ status: 'opted_in', at: NOW, eventId: expect.any(Number) });
    const optOut = await app.inject({
      method: 'POST',
      url: `/api/contacts/${id}/consent`,
      payload: { purpose: 'utility', action: 'opt_out' },
    });
    const body = optOut.json();
    expect(body.state.utility.status).toBe('opted_out');
    expect(
      body.events.map((e: { action: string; source: string; recordedBy: string; sourceDetail: unknown }) => [
        e.action,
        e.source,
        e.recordedBy,
        e.sourceDetail,
      ]),
    ).toEqual([
      ['opt_out', 'api', 'admin', { user: 'admin' }],
      ['opt_in', 'agent', 'admin', { agent: 'admin' }],
    ]);
  });

  it('answers 404 for an unknown contact (also a malformed id), 404 for an unknown tenant, 400 for a bad body', async () => {
    for (const url of ['/api/contacts/00000000-0000-0000-0000-000000000000/consent', '/api/contacts/not-a-uuid/consent']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('unknown_contact');
    }
    const tenant = await app.inject({ method: 'GET', url: `/api/contacts/${id}/consent?tenant=nope` });
    expect(tenant.statusCode).toBe(404);
    expect(tenant.json().error.code).toBe('unknown_tenant');
    const bad = await app.inject({ method: 'POST', url: `/api/contacts/${id}/consent`, payload: { purpose: 'sms', action: 'opt_out' } });
    expect(bad.statusCode).toBe(400);
  });
});

it('answers 503 no_database when the process keeps no records', async () => {
  const app = await serve();
  try {
    const res = await app.inject({ method: 'GET', url: '/api/contacts/00000000-0000-0000-0000-000000000000/consent' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('no_database');
  } finally {
    await app.close();
  }
});
