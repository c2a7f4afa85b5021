import type { CustomFieldDefinition, SegmentFilter, SimpleCondition } from '@parley/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import { compileFilter, SegmentFilterError } from './compile';

const NOW = Date.UTC(2025, 5, 15, 12);
const DAY = 86_400_000;
const FIELDS: CustomFieldDefinition[] = [
  { key: 'score', label: 'Score', type: 'number' },
  { key: 'plan', label: 'Plan', type: 'choice', choices: ['gold', 'silver'] },
  { key: 'birthday', label: 'Birthday', type: 'date' },
  { key: 'active', label: 'Active', type: 'boolean' },
  { key: 'note', label: 'Note', type: 'text' },
];

const all = (...conditions: SegmentFilter['conditions']): SegmentFilter => ({ match: 'all', conditions });
const one = (condition: SimpleCondition): SegmentFilter => all(condition);

describe('compileFilter: bad filters name the path and what was expected', () => {
  const bad: [unknown, string][] = [
    [{ match: 'some', conditions: [] }, 'match: expected "all" or "any", got "some"'],
    [all({ field: 'nickname', op: 'eq', value: 'x' }), 'conditions[0].field: expected one of "name"'],
    [
      all({ field: 'name', op: 'eq', value: 'a' }, { field: 'name', op: 'gt', value: 'x' }),
      'conditions[1].op: expected for name: one of "eq"',
    ],
    [one({ field: 'name', op: 'eq' }), 'conditions[0].value: expected a non-empty text, got nothing'],
    [one({ field: 'tags', op: 'in', value: [] }), 'conditions[0].value: expected a list of 1 to 1000 values, got []'],
    [one({ field: 'lastInboundAt', op: 'older_than_days', value: -3 }), 'conditions[0].value: expected a number of days'],
    [one({ field: 'createdAt', op: 'gt', value: 'yesterday' }), 'conditions[0].value: expected a time: Unix milliseconds or an ISO date'],
    [one({ field: 'fields.shoe', op: 'eq', value: 42 }), 'conditions[0].field: expected a defined custom field: one of "fields.score"'],
    [one({ field: 'fields.Bad-Key', op: 'eq', value: 1 }), 'conditions[0].field: expected fields.<key> with a key of lowercase'],
    [one({ field: 'fields.score', op: 'gt', value: '3' }), 'conditions[0].value: expected a number, got "3"'],
    [one({ field: 'fields.score', op: 'contains', value: '3' }), 'conditions[0].op: expected for the number field score'],
    [
      one({ field: 'fields.plan', op: 'eq', value: 'bronze' }),
      `conditions[0].value: expected one of the field's choices: one of "gold", "silver", got "bronze"`,
    ],
    [one({ field: 'fields.plan', op: 'in', value: ['gold', 'tin'] }), 'conditions[0].value[1]: expected one of the field'],
    [
      one({ field: 'fields.birthday', op: 'gt', value: '2025-02-30' }),
      'conditions[0].value: expected a date (YYYY-MM-DD), got "2025-02-30"',
    ],
    [one({ field: 'fields.active', op: 'eq', value: 'yes' }), 'conditions[0].value: expected true or false'],
    [one({ consent: 'sms' as 'marketing', is: 'opted_in' }), 'conditions[0].consent: expected one of "marketing", "utility"'],
    [one({ activity: 'node_reached', flow: 'cart' }), 'conditions[0].node: expected the node id to have reached'],
    [one({ activity: 'replied', flow: 'cart' }), 'conditions[0].flow: expected nothing: replied is narrowed only by campaign'],
    [one({ activity: 'flow_entered', withinDays: 0 }), 'conditions[0].withinDays: expected a number of days'],
    [
      all({ group: { match: 'any', conditions: [{ field: 'name', op: 'exists' }, { activity: 'clicked' as 'replied' }] } }),
      'conditions[0].group.conditions[1].activity: expected one of',
    ],
    [
      all({ group: { match: 'any', conditions: [{ group: { match: 'all', conditions: [] } } as unknown as SimpleCondition] } }),
      'conditions[0].group.conditions[0].group: expected a field, consent or activity condition (groups nest one level only)',
    ],
    [all(7 as unknown as SimpleCondition), 'conditions[0]: expected a condition object, got 7'],
    [null, 'filter: expected a filter object'],
  ];
  it.each(bad)('%j', (filter, message) => {
    let thrown: unknown;
    try {
      compileFilter(filter as SegmentFilter, { tenant: 'demo', now: NOW, fields: FIELDS });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(SegmentFilterError);
    expect((thrown as Error).message).toContain(message);
  });

  it('numbers its placeholders from firstParam, after the caller’s own', () => {
    const { sql, params } = compileFilter(all({ field: 'name', op: 'eq', value: 'Ana' }, { field: 'tags', op: 'has_tag', value: 'vip' }), {
      tenant: 'demo',
      now: NOW,
      firstParam: 3,
    });
    expect(sql).toBe('(lower(c.name) = $3::text) AND (c.tags @> $4::text[])');
    expect(params).toEqual(['ana', ['vip']]);
  });
});

interface Seeded {
  db: TestDatabase;
  ids: Record<string, string>;
}

/** Four people who differ in every way a filter can look at (plus one in another tenant). */
async function seed(db: TestDatabase): Promise<Seeded> {
  const { sql } = db;
  const ids: Record<string, string> = {};
  const contact = async (tenant: string, address: string, row: Record<string, unknown>) => {
    const { rows } = await sql.query<{ id: string }>(
      `INSERT INTO contacts (tenant, channel, address, name, language, timezone, tags, fields, last_inbound_at, created_at, updated_at)
       VALUES ($1, 'whatsapp', $2, $3, $4, $5, $6::text[], $7::jsonb, $8, $9, $9) RETURNING id`,
      [
        tenant,
        address,
        row.name ?? null,
        row.language ?? null,
        row.timezone ?? null,
        row.tags ?? [],
        JSON.stringify(row.fields ?? {}),
        row.lastInbound ?? null,
        row.created ?? NOW,
      ],
    );
    if (tenant === 'demo') ids[address] = rows[0]!.id;
  };
  await contact('demo', 'ana', {
    name: 'Ana Souza',
    language: 'pt',
    timezone: 'America/Sao_Paulo',
    tags: ['vip', 'br'],
    fields: { score: 10, plan: 'gold', birthday: '1990-05-01', active: true, note: '100% real_deal' },
    lastInbound: NOW - 2 * DAY,
    created: NOW - 100 * DAY,
  });
  await contact('demo', 'bob', {
    name: 'Bob',
    language: 'en',
    tags: ['vip'],
    fields: { score: 3.5, plan: 'silver', birthday: '2025-06-01', active: false, note: '100 percent' },
    lastInbound: NOW - 40 * DAY,
  });
  await contact('demo', 'cy', { fields: { score: 'high', birthday: 'soon' } });
  await contact('demo', 'dee', { name: 'dee_x', language: 'es', tags: ['br'], lastInbound: NOW - 31 * DAY });
  await contact('other', 'ana', { name: 'Ana Souza', tags: ['vip'] });

  const consent = (who: string, purpose: string, status: string) =>
    sql.query(`INSERT INTO consent_state (tenant, contact_id, purpose, status, at, event_id) VALUES ('demo', $1, $2, $3, $4, 1)`, [
      ids[who],
      purpose,
      status,
      NOW,
    ]);
  await consent('ana', 'marketing', 'opted_in');
  await consent('bob', 'marketing', 'opted_out');
  await consent('dee', 'utility', 'opted_in');

  const activity = (
    who: string,
    kind: string,
    at: number,
    more: { flow?: string; node?: string; campaign?: string; value?: string } = {},
  ) =>
    sql.query(
      `INSERT INTO contact_activity (tenant, contact_id, kind, flow_id, node_id, campaign_id, value, at) VALUES ('demo', $1, $2, $3, $4, $5, $6, $7)`,
      [ids[who], kind, more.flow ?? null, more.node ?? null, more.campaign ?? null, more.value ?? null, at],
    );
  await activity('ana', 'flow_entered', NOW - DAY, { flow: 'cart' });
  await activity('ana', 'node_reached', NOW - DAY, { flow: 'cart', node: 'offer' });
  await activity('ana', 'button_clicked', NOW - DAY, { flow: 'cart', node: 'offer', campaign: 'spring', value: 'Yes' });
  await activity('bob', 'flow_entered', NOW - 60 * DAY, { flow: 'cart' });
  await activity('dee', 'message_received', NOW - 31 * DAY);

  const campaign = (id: string, parent: string | null) =>
    sql.query(
      `INSERT INTO campaigns (tenant, id, name, status, schedule, variants, parent_id, created_by, created_at, updated_at)
       VALUES ('demo', $1, $1, 'running', '{"type":"now"}', '[]', $2, 'test', 0, 0)`,
      [id, parent],
    );
  await campaign('spring', null);
  await campaign('spring-2', 'spring');
  await campaign('autumn', null);
  const recipient = (who: string, id: string, times: { sent?: number; replied?: number; converted?: number }) =>
    sql.query(
      `INSERT INTO campaign_recipients (tenant, campaign_id, contact_id, variant, status, due_at, sent_at, replied_at, converted_at)
       VALUES ('demo', $1, $2, 'a', 'sent', 0, $3, $4, $5)`,
      [id, ids[who], times.sent ?? null, times.replied ?? null, times.converted ?? null],
    );
  await recipient('ana', 'spring', { sent: NOW - 3 * DAY, replied: NOW - 2 * DAY });
  await recipient('bob', 'spring-2', { sent: NOW - 20 * DAY, converted: NOW - 19 * DAY });
  await recipient('dee', 'autumn', {});
  return { db, ids };
}

async function matching(seeded: Seeded, filter: SegmentFilter, fields: CustomFieldDefinition[] | undefined = FIELDS): Promise<string[]> {
  const { sql, params } = compileFilter(filter, { tenant: 'demo', now: NOW, fields, firstParam: 2 });
  const { rows } = await seeded.db.sql.query<{ address: string }>(
    `SELECT c.address FROM contacts c WHERE c.tenant = $1 AND (${sql}) ORDER BY c.address`,
    ['demo', ...params],
  );
  return rows.map((r) => r.address);
}

/** [filter, the addresses it matches among ana, bob, cy, dee]. */
const CASES: [string, SegmentFilter, string[]][] = [
  ['empty filter: everyone', all(), ['ana', 'bob', 'cy', 'dee']],
  ['name eq ignores case', one({ field: 'name', op: 'eq', value: 'ANA SOUZA' }), ['ana']],
  ['name neq includes the nameless', one({ field: 'name', op: 'neq', value: 'bob' }), ['ana', 'cy', 'dee']],
  ['name contains _ literally', one({ field: 'name', op: 'contains', value: 'e_' }), ['dee']],
  ['name starts_with', one({ field: 'name', op: 'starts_with', value: 'an' }), ['ana']],
  ['language in', one({ field: 'language', op: 'in', value: ['pt', 'es'] }), ['ana', 'dee']],
  ['language not_in includes unknown', one({ field: 'language', op: 'not_in', value: ['pt', 'es'] }), ['bob', 'cy']],
  ['timezone exists', one({ field: 'timezone', op: 'exists' }), ['ana']],
  ['has_tag one', one({ field: 'tags', op: 'has_tag', value: 'vip' }), ['ana', 'bob']],
  ['has_tag all of a list', one({ field: 'tags', op: 'has_tag', value: ['vip', 'br'] }), ['ana']],
  ['lacks_tag', one({ field: 'tags', op: 'lacks_tag', value: 'vip' }), ['cy', 'dee']],
  ['tags in (any of)', one({ field: 'tags', op: 'in', value: ['br', 'nope'] }), ['ana', 'dee']],
  ['no tags', one({ field: 'tags', op: 'not_exists' }), ['cy']],
  ['last inbound more than 30 days ago', one({ field: 'lastInboundAt', op: 'older_than_days', value: 30 }), ['bob', 'dee']],
  ['last inbound within 7 days', one({ field: 'lastInboundAt', op: 'within_days', value: 7 }), ['ana']],
  ['never wrote', one({ field: 'lastInboundAt', op: 'not_exists' }), ['cy']],
  ['created before an ISO date', one({ field: 'createdAt', op: 'lt', value: '2025-06-01' }), ['ana']],
  ['number gt compares numerically (10 > 3.5)', one({ field: 'fields.score', op: 'gt', value: 4 }), ['ana']],
  ['number lte skips a text in a number field', one({ field: 'fields.score', op: 'lte', value: 100 }), ['ana', 'bob']],
  ['number eq 3.5', one({ field: 'fields.score', op: 'eq', value: 3.5 }), ['bob']],
  ['number in', one({ field: 'fields.score', op: 'in', value: [10, 11] }), ['ana']],
  ['number not_in includes missing', one({ field: 'fields.score', op: 'not_in', value: [10] }), ['bob', 'cy', 'dee']],
  ['choice eq', one({ field: 'fields.plan', op: 'eq', value: 'silver' }), ['bob']],
  ['choice neq includes missing', one({ field: 'fields.plan', op: 'neq', value: 'silver' }), ['ana', 'cy', 'dee']],
  ['date before', one({ field: 'fields.birthday', op: 'lt', value: '2000-01-01' }), ['ana']],
  ['date within 30 days', one({ field: 'fields.birthday', op: 'within_days', value: 30 }), ['bob']],
  ['date older than a year ignores garbage', one({ field: 'fields.birthday', op: 'older_than_days', value: 365 }), ['ana']],
  ['boolean eq false', one({ field: 'fields.active', op: 'eq', value: false }), ['bob']],
  ['field exists', one({ field: 'fields.score', op: 'exists' }), ['ana', 'bob', 'cy']],
  ['text contains % literally', one({ field: 'fields.note', op: 'contains', value: '0% r' }), ['ana']],
  ['marketing opted in', one({ consent: 'marketing', is: 'opted_in' }), ['ana']],
  ['marketing opted out', one({ consent: 'marketing', is: 'opted_out' }), ['bob']],
  ['no marketing consent either way', one({ consent: 'marketing', is: 'none' }), ['cy', 'dee']],
  ['entered flow cart', one({ activity: 'flow_entered', flow: 'cart' }), ['ana', 'bob']],
  ['entered flow cart within 30 days', one({ activity: 'flow_entered', flow: 'cart', withinDays: 30 }), ['ana']],
  ['never entered cart', one({ activity: 'flow_entered', flow: 'cart', negate: true }), ['cy', 'dee']],
  ['reached node offer of cart', one({ activity: 'node_reached', flow: 'cart', node: 'offer' }), ['ana']],
  ['clicked Yes in campaign spring', one({ activity: 'button_clicked', button: 'Yes', campaign: 'spring' }), ['ana']],
  ['clicked No', one({ activity: 'button_clicked', button: 'No' }), []],
  ['wrote in the last 40 days', one({ activity: 'message_received', withinDays: 40 }), ['dee']],
  ['sent campaign spring (with its occurrences)', one({ activity: 'campaign_sent', campaign: 'spring' }), ['ana', 'bob']],
  ['any campaign sent within 10 days', one({ activity: 'campaign_sent', withinDays: 10 }), ['ana']],
  ['replied', one({ activity: 'replied' }), ['ana']],
  ['converted from spring', one({ activity: 'converted', campaign: 'spring' }), ['bob']],
  ['not sent autumn (queued only)', one({ activity: 'campaign_sent', campaign: 'autumn', negate: true }), ['ana', 'bob', 'cy', 'dee']],
  [
    'all of: vip and (inactive 30 days or never consented)',
    all(
      { field: 'tags', op: 'has_tag', value: 'vip' },
      {
        group: {
          match: 'any',
          conditions: [
            { field: 'lastInboundAt', op: 'older_than_days', value: 30 },
            { consent: 'marketing', is: 'none' },
          ],
        },
      },
    ),
    ['bob'],
  ],
  [
    'any of',
    {
      match: 'any',
      conditions: [
        { field: 'name', op: 'eq', value: 'bob' },
        { consent: 'utility', is: 'opted_in' },
      ],
    },
    ['bob', 'dee'],
  ],
];

describe.each(TEST_DATABASES)('compiled filters on %s', (kind) => {
  let seeded: Seeded;
  beforeAll(async () => {
    seeded = await seed(await openTestDatabase(kind));
  }, 60_000);
  afterAll(() => seeded?.db.drop());

  it.each(CASES)('%s', async (_, filter, expected) => {
    expect(await matching(seeded, filter)).toEqual(expected);
  });

  it('without the field definitions compares by the value’s type', async () => {
    expect(await matching(seeded, one({ field: 'fields.score', op: 'gte', value: 3.5 }), undefined)).toEqual(['ana', 'bob']);
    expect(await matching(seeded, one({ field: 'fields.plan', op: 'in', value: ['gold'] }), undefined)).toEqual(['ana']);
  });
});
