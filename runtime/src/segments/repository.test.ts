import type { SegmentFilter } from '@parley/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putFieldDefinitions } from '../contacts/fields';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import { SegmentFilterError } from './compile';
import { compileSegment, countSegment, deleteSegment, getSegment, listSegments, previewFilter, putSegment } from './repository';

const NOW = Date.UTC(2025, 5, 15);
const vip: SegmentFilter = { match: 'all', conditions: [{ field: 'tags', op: 'has_tag', value: 'vip' }] };

describe.each(TEST_DATABASES)('the segments repository on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await putFieldDefinitions(db.sql, 'demo', [{ key: 'score', label: 'Score', type: 'number' }]);
    const people: [string, string[], number, string | null][] = [
      ['+5511900000001', ['vip'], 10, 'opted_in'],
      ['+5511900000002', ['vip'], 2, 'opted_out'],
      ['+5511900000003', ['vip'], 7, null],
      ['+5511900000004', [], 9, 'opted_in'],
    ];
    for (const [i, [address, tags, score, consent]] of people.entries()) {
      const { rows } = await db.sql.query<{ id: string }>(
        `INSERT INTO contacts (tenant, channel, address, name, tags, fields, created_at, updated_at)
         VALUES ('demo', 'whatsapp', $1, $2, $3::text[], $4::jsonb, $5, $5) RETURNING id`,
        [address, `P${i + 1}`, tags, JSON.stringify({ score }), NOW + i],
      );
      if (consent)
        await db.sql.query(
          `INSERT INTO consent_state (tenant, contact_id, purpose, status, at, event_id) VALUES ('demo', $1, 'marketing', $2, $3, 1)`,
          [rows[0]!.id, consent, NOW],
        );
    }
    await db.sql.query(
      `INSERT INTO contacts (tenant, channel, address, tags, created_at, updated_at) VALUES ('other', 'whatsapp', '+1', '{vip}', 0, 0)`,
    );
  }, 60_000);
  afterAll(() => db?.drop());

  it('creates, lists, replaces and reads segments per tenant', async () => {
    const first = await putSegment(db.sql, 'demo', 'vips', { name: 'VIPs', filter: vip }, NOW);
    expect(first).toEqual({ created: true, segment: { id: 'vips', name: 'VIPs', filter: vip, createdAt: NOW, updatedAt: NOW } });
    await putSegment(db.sql, 'demo', 'all', { name: 'Everyone', filter: { match: 'all', conditions: [] } }, NOW);
    const again = await putSegment(db.sql, 'demo', 'vips', { name: 'Very important', filter: vip }, NOW + 5);
    expect(again.created).toBe(false);
    expect(again.segment).toMatchObject({ name: 'Very important', createdAt: NOW, updatedAt: NOW + 5 });
    expect((await listSegments(db.sql, 'demo')).map((s) => s.id)).toEqual(['all', 'vips']);
    expect(await listSegments(db.sql, 'other')).toEqual([]);
    expect(await getSegment(db.sql, 'other', 'vips')).toBeNull();
  });

  it('refuses a filter the tenant’s fields do not fit, with the path', async () => {
    const bad: SegmentFilter = { match: 'all', conditions: [vip.conditions[0]!, { field: 'fields.score', op: 'gt', value: 'high' }] };
    await expect(putSegment(db.sql, 'demo', 'bad', { name: 'Bad', filter: bad }, NOW)).rejects.toThrow(
      new SegmentFilterError('conditions[1].value', 'a number', 'high'),
    );
    const unknown: SegmentFilter = { match: 'all', conditions: [{ field: 'fields.shoe', op: 'exists' }] };
    await expect(putSegment(db.sql, 'demo', 'bad', { name: 'Bad', filter: unknown }, NOW)).rejects.toThrow(
      'conditions[0].field: expected a defined custom field',
    );
    expect(await getSegment(db.sql, 'demo', 'bad')).toBeNull();
  });

  it('counts and previews: matching, consented and the newest sample', async () => {
    expect(await countSegment(db.sql, 'demo', vip, NOW)).toBe(3);
    const highScore: SegmentFilter = { match: 'all', conditions: [{ field: 'fields.score', op: 'gte', value: 7 }] };
    const preview = await previewFilter(db.sql, 'demo', highScore, NOW, 2);
    expect(preview).toMatchObject({ count: 3, consented: 2 });
    expect(preview.sample.map((contact) => contact.address)).toEqual(['+5511900000004', '+5511900000003']);
    expect(preview.sample[0]!.consent.marketing.status).toBe('opted_in');
    expect(preview.tookMs).toBeGreaterThanOrEqual(0);
    expect((await previewFilter(db.sql, 'demo', vip, NOW, 0)).sample).toEqual([]);
  });

  it('compiles a saved segment for other queries (the tenant is $1)', async () => {
    const where = await compileSegment(db.sql, 'demo', 'vips', NOW);
    expect(where!.sql).toBe('(c.tags @> $2::text[])');
    const { rows } = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contacts c WHERE c.tenant = $1 AND (${where!.sql})`,
      ['demo', ...where!.params],
    );
    expect(rows[0]!.n).toBe(3);
    expect(await compileSegment(db.sql, 'demo', 'nope', NOW)).toBeNull();
  });

  it('does not delete a segment a live campaign reads', async () => {
    await db.sql.query(
      `INSERT INTO campaigns (tenant, id, name, status, segment_id, schedule, variants, created_by, created_at, updated_at)
       VALUES ('demo', 'spring', 'Spring', 'draft', 'vips', '{"type":"now"}', '[]', 'test', 0, 0)`,
    );
    expect(await deleteSegment(db.sql, 'demo', 'vips')).toEqual({ inUse: ['spring'] });
    await db.sql.query(`UPDATE campaigns SET status = 'completed' WHERE tenant = 'demo' AND id = 'spring'`);
    expect(await deleteSegment(db.sql, 'demo', 'vips')).toEqual({ deleted: true });
    expect(await deleteSegment(db.sql, 'demo', 'vips')).toEqual({ deleted: false });
  });
});
