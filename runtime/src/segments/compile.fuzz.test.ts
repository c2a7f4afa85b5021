/**
 * Property: whatever a filter holds (quotes, `$1`, `--`, huge numbers, odd keys), the compiled SQL
 * text contains none of it — every value is a parameter — and the database accepts it.
 */
import type { CustomFieldDefinition, SegmentFilter, SimpleCondition } from '@parley/contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import { compileFilter } from './compile';

/** Every generated text and key carries this marker, so finding it in the SQL finds a leak. */
const MARK = 'zqx';
const FIELDS: CustomFieldDefinition[] = [
  { key: `${MARK}_n`, label: 'n', type: 'number' },
  { key: `${MARK}_t`, label: 't', type: 'text' },
  { key: `${MARK}_d`, label: 'd', type: 'date' },
  { key: `${MARK}_b`, label: 'b', type: 'boolean' },
  { key: `${MARK}_c`, label: 'c', type: 'choice', choices: [`${MARK}'a`, `${MARK}$1`] },
];

const text = fc.string({ maxLength: 12 }).map((s) => `${MARK}${s}'; DROP TABLE contacts; --$1`);
const texts = fc.array(text, { minLength: 1, maxLength: 4 });
const bigNumber = fc.oneof(fc.integer({ min: 100_000, max: 2 ** 52 }), fc.double({ min: 100_000, max: 1e15, noNaN: true }));
const days = fc.integer({ min: 1, max: 36_600 });
const date = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const textField = fc.oneof(
  fc.record({
    field: fc.constantFrom('name', 'language', 'timezone', 'channel', 'address'),
    op: fc.constantFrom('eq', 'neq', 'contains', 'starts_with'),
    value: text,
  }),
  fc.record({ field: fc.constantFrom('name', 'language', 'address'), op: fc.constantFrom('in', 'not_in'), value: texts }),
);
const tags = fc.oneof(
  fc.record({ field: fc.constant('tags'), op: fc.constantFrom('has_tag', 'lacks_tag'), value: fc.oneof(text, texts) }),
  fc.record({ field: fc.constant('tags'), op: fc.constantFrom('in', 'not_in'), value: texts }),
);
const time = fc.oneof(
  fc.record({
    field: fc.constantFrom('firstSeenAt', 'lastInboundAt', 'createdAt'),
    op: fc.constantFrom('eq', 'neq', 'gt', 'lte'),
    value: fc.oneof(bigNumber.map(Math.round), date),
  }),
  fc.record({ field: fc.constantFrom('lastSeenAt', 'createdAt'), op: fc.constantFrom('older_than_days', 'within_days'), value: days }),
);
const custom = fc.oneof(
  fc.record({ field: fc.constant(`fields.${MARK}_n`), op: fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte'), value: bigNumber }),
  fc.record({
    field: fc.constant(`fields.${MARK}_n`),
    op: fc.constantFrom('in', 'not_in'),
    value: fc.array(bigNumber, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ field: fc.constant(`fields.${MARK}_t`), op: fc.constantFrom('eq', 'contains', 'starts_with'), value: text }),
  fc.record({ field: fc.constant(`fields.${MARK}_d`), op: fc.constantFrom('eq', 'gt', 'lt'), value: date }),
  fc.record({ field: fc.constant(`fields.${MARK}_d`), op: fc.constantFrom('older_than_days', 'within_days'), value: days }),
  fc.record({ field: fc.constant(`fields.${MARK}_b`), op: fc.constantFrom('eq', 'neq'), value: fc.boolean() }),
  fc.record({
    field: fc.constant(`fields.${MARK}_c`),
    op: fc.constantFrom('in', 'not_in'),
    value: fc.subarray(FIELDS[4]!.choices!, { minLength: 1 }),
  }),
  fc.record({ field: fc.constantFrom(`fields.${MARK}_n`, `fields.${MARK}_t`), op: fc.constantFrom('exists', 'not_exists') }),
);
const consent = fc.record({ consent: fc.constantFrom('marketing', 'utility'), is: fc.constantFrom('opted_in', 'opted_out', 'none') });
const activity = fc.oneof(
  fc.record(
    {
      activity: fc.constant('button_clicked'),
      flow: text,
      node: text,
      button: text,
      campaign: text,
      withinDays: days,
      negate: fc.boolean(),
    },
    { requiredKeys: ['activity'] },
  ),
  fc.record({ activity: fc.constant('node_reached'), node: text, flow: text, withinDays: days }, { requiredKeys: ['activity', 'node'] }),
  fc.record(
    {
      activity: fc.constantFrom('campaign_sent', 'replied', 'converted', 'message_received', 'flow_entered'),
      campaign: text,
      withinDays: days,
      negate: fc.boolean(),
    },
    { requiredKeys: ['activity'] },
  ),
);
const condition = fc.oneof(textField, tags, time, custom, consent, activity) as fc.Arbitrary<SimpleCondition>;
const match = fc.constantFrom<'all' | 'any'>('all', 'any');
const filter: fc.Arbitrary<SegmentFilter> = fc.record({
  match,
  conditions: fc.array(fc.oneof(condition, fc.record({ group: fc.record({ match, conditions: fc.array(condition, { maxLength: 3 }) }) })), {
    maxLength: 5,
  }),
});

const NOW = Date.UTC(2025, 5, 15);

/** The SQL with its placeholders and this compiler's few constants removed: what is left must hold no digit. */
function withoutConstants(sql: string): string {
  return sql
    .replace(/\$\d+/g, '')
    .replaceAll("'^[0-9]{4}-[0-9]{2}-[0-9]{2}'", '')
    .replaceAll(', 10)', '')
    .replace(/[>=] 0\b/g, '')
    .replaceAll('SELECT 1 ', '');
}

describe('compileFilter never puts a value in the SQL', () => {
  it('holds for random filters', () => {
    fc.assert(
      fc.property(filter, fc.integer({ min: 1, max: 9 }), (f, firstParam) => {
        const { sql, params } = compileFilter(f, { tenant: 'demo', now: NOW, fields: FIELDS, firstParam });
        expect(sql.toLowerCase()).not.toContain(MARK);
        expect(sql).not.toContain('DROP');
        expect(withoutConstants(sql)).not.toMatch(/\d/);
        const used = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
        expect([...used].sort((a, b) => a - b)).toEqual(params.map((_, i) => firstParam + i));
      }),
      { numRuns: 500 },
    );
  });
});

describe.each(TEST_DATABASES)('random compiled filters run on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await db.sql.query(
      `INSERT INTO contacts (tenant, channel, address, name, tags, fields, created_at, updated_at)
       VALUES ('demo', 'whatsapp', '+1', 'x', '{a}', $1::jsonb, 0, 0)`,
      [JSON.stringify({ [`${MARK}_n`]: 'not a number', [`${MARK}_d`]: 'not a date', [`${MARK}_b`]: 1 })],
    );
  }, 60_000);
  afterAll(() => db?.drop());

  it('is accepted by the database (types inferred, rows of the wrong type do not break it)', async () => {
    await fc.assert(
      fc.asyncProperty(filter, async (f) => {
        const { sql, params } = compileFilter(f, { tenant: 'demo', now: NOW, fields: FIELDS, firstParam: 2 });
        const { rows } = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM contacts c WHERE c.tenant = $1 AND (${sql})`, [
          'demo',
          ...params,
        ]);
        expect(rows[0]!.n).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
