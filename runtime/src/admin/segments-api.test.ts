import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app/server';
import { putFieldDefinitions } from '../contacts/fields';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import { createMemoryStores } from '../stores';
import { createTestContext } from '../testing/context';
import { segmentsApi } from './segments-api';

const NOW = Date.UTC(2025, 5, 15);
const vip = { match: 'all', conditions: [{ field: 'tags', op: 'has_tag', value: 'vip' }] };

async function serve(db?: TestDatabase) {
  const ctx = createTestContext(createMemoryStores(), db ? { db: db.sql } : {});
  ctx.now = () => NOW;
  return buildServer(ctx, { ingress: true, plugins: [segmentsApi] });
}

describe.each(TEST_DATABASES)('/api/segments on %s', (kind) => {
  let db: TestDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await putFieldDefinitions(db.sql, 'demo', [{ key: 'score', label: 'Score', type: 'number' }]);
    for (const [address, tags, consent] of [
      ['+5511900000001', ['vip'], 'opted_in'],
      ['+5511900000002', ['vip'], null],
      ['+5511900000003', [], 'opted_in'],
    ] as const) {
      const { rows } = await db.sql.query<{ id: string }>(
        `INSERT INTO contacts (tenant, channel, address, tags, created_at, updated_at) VALUES ('demo', 'whatsapp', $1, $2::text[], $3, $3) RETURNING id`,
        [address, tags, NOW],
      );
      if (consent)
        await db.sql.query(
          `INSERT INTO consent_state (tenant, contact_id, purpose, status, at, event_id) VALUES ('demo', $1, 'marketing', $2, $3, 1)`,
          [rows[0]!.id, consent, NOW],
        );
    }
    app = await serve(db);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('previews a filter: count, consented and a sample', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/segments/preview', payload: { filter: vip, sample: 1 } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ count: 2, consented: 1 });
    expect(body.sample).toHaveLength(1);
    expect(body.sample[0]).toMatchObject({ channel: 'whatsapp', tags: ['vip'] });
  });

  it('answers a bad filter with 400 and the path', async () => {
    const filter = { match: 'all', conditions: [vip.conditions[0], { field: 'fields.score', op: 'gt', value: 'lots' }] };
    const res = await app.inject({ method: 'POST', url: '/api/segments/preview', payload: { filter } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: 'bad_filter',
        message: 'conditions[1].value: expected a number, got "lots"',
        details: { path: 'conditions[1].value', expected: 'a number' },
      },
    });
    const unknownTenant = await app.inject({ method: 'POST', url: '/api/segments/preview?tenant=nope', payload: { filter: vip } });
    expect(unknownTenant.statusCode).toBe(404);
    expect(unknownTenant.json().error.code).toBe('unknown_tenant');
  });

  it('saves (201, then 200), reads, lists with counts and deletes a segment', async () => {
    const created = await app.inject({ method: 'PUT', url: '/api/segments/vips', payload: { name: 'VIPs', filter: vip } });
    expect(created.statusCode).toBe(201);
    expect(created.json().segment).toEqual({ id: 'vips', name: 'VIPs', filter: vip, createdAt: NOW, updatedAt: NOW });
    const replaced = await app.inject({ method: 'PUT', url: '/api/segments/vips', payload: { name: 'Very important', filter: vip } });
    expect(replaced.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/segments/vips' })).json().segment.name).toBe('Very important');
    const list = await app.inject({ method: 'GET', url: '/api/segments' });
    expect(list.json()).toEqual({
      segments: [{ id: 'vips', name: 'Very important', filter: vip, createdAt: NOW, updatedAt: NOW, count: 2 }],
    });

    expect((await app.inject({ method: 'PUT', url: '/api/segments/Bad Id', payload: { name: 'x', filter: vip } })).json().error.code).toBe(
      'bad_segment_id',
    );
    const badFilter = await app.inject({
      method: 'PUT',
      url: '/api/segments/x',
      payload: { name: 'x', filter: { match: 'all', conditions: [{ field: 'fields.nope', op: 'exists' }] } },
    });
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().error.details.path).toBe('conditions[0].field');

    expect((await app.inject({ method: 'DELETE', url: '/api/segments/vips' })).json()).toEqual({ deleted: true });
    const gone = await app.inject({ method: 'GET', url: '/api/segments/vips' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('unknown_segment');
    expect((await app.inject({ method: 'DELETE', url: '/api/segments/vips' })).statusCode).toBe(404);
  });

  it('refuses to delete a segment a live campaign reads (409 with the campaigns)', async () => {
    await app.inject({ method: 'PUT', url: '/api/segments/used', payload: { name: 'Used', filter: vip } });
    await db.sql.query(
      `INSERT INTO campaigns (tenant, id, name, status, segment_id, schedule, variants, created_by, created_at, updated_at)
       VALUES ('demo', 'spring', 'Spring', 'running', 'used', '{"type":"now"}', '[]', 'test', 0, 0)`,
    );
    const res = await app.inject({ method: 'DELETE', url: '/api/segments/used' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'segment_in_use', details: { campaigns: ['spring'] } });
  });
});

it('answers 503 no_database when the process keeps no records', async () => {
  const app = await serve();
  try {
    for (const [method, url] of [
      ['GET', '/api/segments'],
      ['GET', '/api/segments/x'],
      ['DELETE', '/api/segments/x'],
    ] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('no_database');
    }
    const preview = await app.inject({ method: 'POST', url: '/api/segments/preview', payload: { filter: vip } });
    expect(preview.json().error.code).toBe('no_database');
  } finally {
    await app.close();
  }
});
