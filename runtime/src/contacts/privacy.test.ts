/**
 * Export and erase of a person, on real Redis and both databases: every row and every key is
 * listed before and after the erase, and nothing of the person may remain but the suppression hash.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConsent } from '../consent/ledger';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import type { ConversationId } from '../conversation';
import { dropPrefix, freshRedisStores } from '../stores/contract/harness';
import type { Stores } from '../stores';
import type { RedisClient } from '../stores/redis/script';
import { conversationOf } from './addresses';
import { eraseContact } from './erase';
import { exportContact } from './export';
import { importContacts } from './import/run';

const TENANT = 'shop';
const ANN = '+5511912345678';
const BOB = '+5511987654321';
const NOW = Date.UTC(2025, 4, 1, 12);

async function seedConversation(stores: Stores, conv: ConversationId, who: string): Promise<void> {
  await stores.inbox.append(
    conv,
    {
      kind: 'message',
      id: `wamid.in.${who}`,
      receivedAt: NOW,
      contact: { id: who, name: who },
      message: { kind: 'text', text: `I am ${who}` },
    },
    { key: `job:${conv}:r1`, ttlSec: 600 },
  );
  const claim = (await stores.inbox.claim(Date.now(), 30_000))!;
  await stores.conversations.commit(
    claim,
    {
      session: {
        startedAt: NOW,
        publishedVersion: 1,
        snapshot: {
          flowId: 'welcome',
          flowRevision: 1,
          specVersion: '1.0.0',
          sprint: 1,
          status: 'waiting',
          variables: { name: who },
          engine: 1,
          language: 'en',
          frames: [{ flowId: 'welcome', flowRevision: 1, at: 'ask' }],
          timers: {},
        },
      },
      popInbox: true,
      outbound: [{ key: `${who}:k1`, nodeId: 'ask', lane: 0, message: { kind: 'text', text: `Hi ${who}` }, attempts: 0, createdAt: NOW }],
      timersSet: [{ timerId: 'ask', sprint: 1, dueAt: Date.now() + 3_600_000 }],
      timersCancel: [],
      counters: [{ key: 'analytics:welcome', field: 'v:ask', by: 1 }],
      contact: { lastInboundAt: NOW, name: who },
      sessionTtlSec: 3600,
      desk: { open: { since: NOW }, log: [{ at: NOW, from: 'user', text: `${who} needs help` }] },
    },
    Date.now(),
  );
  await stores.inbox.release(claim, Date.now(), 0);
  const send = (await stores.outbox.claim(Date.now(), 30_000))!;
  await stores.outbox.ack(send, `${who}:k1`, `wamid.out.${who}`, {
    state: { conv, key: `${who}:k1`, state: 'sent', updatedAt: NOW },
    ttlSec: 600,
  });
  await stores.outbox.release(send, Date.now(), 0);
  await stores.deadLetters.add({
    conv,
    reason: 'failed',
    at: NOW,
    item: { key: `${who}:dead`, nodeId: 'x', lane: 2, message: { kind: 'text', text: `lost ${who}` }, attempts: 5, createdAt: NOW },
  });
}

async function seedRows(db: TestDatabase, contactId: string, conv: ConversationId): Promise<void> {
  const q = (text: string, params: unknown[]) => db.sql.query(text, params);
  await recordConsent(db.sql, {
    tenant: TENANT,
    contactId,
    purpose: 'utility',
    action: 'opt_in',
    channel: 'whatsapp',
    source: 'agent',
    wording: 'order updates',
    recordedBy: 'agent-1',
    at: NOW,
  });
  await q(
    "INSERT INTO contact_activity (tenant, contact_id, kind, flow_id, node_id, value, at) VALUES ($1, $2, 'button_clicked', 'welcome', 'ask', 'Yes', $3)",
    [TENANT, contactId, NOW],
  );
  await q(
    `INSERT INTO campaigns (tenant, id, name, status, schedule, variants, created_by, created_at, updated_at)
     VALUES ($1, 'spring', 'Spring sale', 'running', '{"type":"now"}', '[{"id":"a","weight":1}]', 'ann', $2, $2) ON CONFLICT DO NOTHING`,
    [TENANT, NOW],
  );
  await q(
    "INSERT INTO campaign_recipients (tenant, campaign_id, contact_id, variant, status, due_at, message_id) VALUES ($1, 'spring', $2, 'a', 'sent', $3, $4)",
    [TENANT, contactId, NOW, `wamid.out.${contactId}`],
  );
  await q(
    "INSERT INTO marketing_sends (tenant, contact_id, at, conversation, message_key, campaign_id) VALUES ($1, $2, $3, $4, 'k1', 'spring')",
    [TENANT, contactId, NOW, conv],
  );
  await q(
    "INSERT INTO suppressed_sends (tenant, contact_id, conversation, message_key, reason, at) VALUES ($1, $2, $3, 'k2', 'frequency_cap', $4)",
    [TENANT, contactId, conv, NOW],
  );
  // A refused send recorded before the contact row existed: found by its conversation.
  await q(
    "INSERT INTO suppressed_sends (tenant, contact_id, conversation, message_key, reason, at) VALUES ($1, NULL, $2, 'k3', 'no_consent', $3)",
    [TENANT, conv, NOW],
  );
}

describe.each(TEST_DATABASES)('export and erase of a person on %s and Redis', (kind) => {
  let db: TestDatabase;
  let stores: Stores;
  let annId: string;
  let bobId: string;
  const annConv = conversationOf(TENANT, 'whatsapp', ANN);
  const bobConv = conversationOf(TENANT, 'whatsapp', BOB);
  const deps = () => ({ sql: db.sql, privacy: stores.privacy });
  const importFile = (csv: string) =>
    importContacts(db.sql, Readable.from([csv]), { tenant: TENANT, actor: 'ann', now: () => NOW, file: 'crm.csv' });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    stores = await freshRedisStores();
    // The second Ann row makes the report quote her number ("… is already in row 2").
    const report = await importFile(
      `phone,name,tags,consent.marketing,consent.wording\n${ANN},Ann,vip,yes,Offers by WhatsApp\n${BOB},Bob,,yes,Offers by WhatsApp\n${ANN},Ann again,,,\n`,
    );
    expect(report).toMatchObject({ created: 2, skipped: 1 });
    const ids = await db.sql.query<{ id: string; address: string }>('SELECT id, address FROM contacts WHERE tenant = $1', [TENANT]);
    annId = ids.rows.find((r) => r.address === ANN)!.id;
    bobId = ids.rows.find((r) => r.address === BOB)!.id;
    for (const [id, conv, who] of [
      [annId, annConv, 'ann'],
      [bobId, bobConv, 'bob'],
    ] as const) {
      await seedRows(db, id, conv);
      await seedConversation(stores, conv, who);
    }
  }, 60_000);
  afterAll(async () => {
    await dropPrefix(stores);
    await stores.close();
    await db?.drop();
  });

  it('exports everything held about the person, and nothing about anyone else', async () => {
    const data = (await exportContact(deps(), TENANT, annId, NOW))!;
    expect(data.contact).toMatchObject({
      id: annId,
      address: ANN,
      name: 'Ann',
      tags: ['vip'],
      consent: { marketing: { status: 'opted_in' } },
    });
    expect(data.consent.map((e) => [e.purpose, e.source])).toEqual([
      ['marketing', 'import'],
      ['utility', 'agent'],
    ]);
    expect(data.activity).toMatchObject([
      { kind: 'button_clicked', flow: 'welcome', node: 'ask', summary: 'button clicked: flow welcome, node ask, "Yes"' },
    ]);
    expect(data.campaigns).toMatchObject([{ campaign_id: 'spring', campaign_name: 'Spring sale', status: 'sent' }]);
    expect(data.marketingSends).toHaveLength(1);
    expect(data.suppressedSends!.map((s) => s.reason)).toEqual(['frequency_cap', 'no_consent']);
    expect(data.audit).toMatchObject([{ action: 'consent.opt_in', subject: `contact:${annId}` }]);
    expect(data.conversations).toMatchObject([
      {
        conv: annConv,
        session: { snapshot: { variables: { name: 'ann' } } },
        contact: { name: 'ann' },
        sent: { 'ann:k1': 'wamid.out.ann' },
        messages: [{ messageId: 'wamid.out.ann', state: 'sent' }],
        desk: { transcript: [{ text: 'ann needs help' }] },
        deadLetters: [{ item: { key: 'ann:dead' } }],
      },
    ]);
    expect(JSON.stringify(data)).not.toContain('bob');
    expect(JSON.stringify(data)).not.toContain(BOB);
    expect(await exportContact(deps(), TENANT, '00000000-0000-4000-8000-000000000000', NOW)).toBeNull();
    expect(await exportContact(deps(), TENANT, 'not-a-uuid', NOW)).toBeNull();
  });

  it('erases every row and key of the person; only the suppression hash remains, and an old import cannot bring them back', async () => {
    const traces = (dump: string[]) =>
      dump.filter((line) => [annId, ANN, ANN.slice(1), annConv, 'ann:', 'wamid.out.ann', 'Ann'].some((t) => line.includes(t)));
    const rowsBefore = await dumpRows(db);
    const keysBefore = await dumpRedis(stores);
    expect(traces(rowsBefore).length).toBeGreaterThan(8);
    expect(traces(keysBefore).length).toBeGreaterThan(8);

    const report = await eraseContact(deps(), TENANT, annId, { actor: 'dpo', now: NOW + 1 });
    expect(report).toMatchObject({
      contactId: annId,
      suppressed: true,
      rows: {
        contacts: 1,
        consent_events: 2,
        consent_state: 2,
        contact_activity: 1,
        campaign_recipients: 1,
        marketing_sends: 1,
        suppressed_sends: 2,
        audit_log: 1,
        contact_imports: 1,
      },
    });
    expect(report!.keys).toBeGreaterThan(8);

    const rowsAfter = await dumpRows(db);
    const keysAfter = await dumpRedis(stores);
    expect(traces(rowsAfter)).toEqual([]);
    expect(traces(keysAfter)).toEqual([]);
    const suppressions = rowsAfter.filter((r) => r.startsWith('suppressions '));
    expect(suppressions).toHaveLength(1);
    expect(suppressions[0]).toMatch(/"address_hash":"[0-9a-f]{64}"/);
    expect(rowsAfter.filter((r) => r.startsWith('audit_log ') && r.includes('contacts.erase'))).toHaveLength(1);
    // Bob's rows and keys are all still there, unchanged.
    const bobOnly = (dump: string[]) => dump.filter((line) => [bobId, BOB, bobConv, 'bob'].some((t) => line.includes(t))).sort();
    expect(bobOnly(rowsAfter)).toEqual(bobOnly(rowsBefore));
    const bobKeys = (dump: string[]) => dump.filter((line) => line.split(' ')[0]!.includes(bobConv)).sort();
    expect(bobKeys(keysAfter)).toEqual(bobKeys(keysBefore));
    expect(bobKeys(keysAfter).length).toBeGreaterThan(5);
    // The shared indexes still list Bob's conversation.
    for (const index of ['active', 'desk', 'timers', '{dl}dl'])
      expect(keysAfter.find((l) => l.split(' ')[0]!.endsWith(index))).toContain(bobConv);

    expect(await eraseContact(deps(), TENANT, annId, { actor: 'dpo', now: NOW + 2 })).toBeNull();
    const again = await importFile(`phone,name\n${ANN},Ann\n`);
    expect(again).toMatchObject({ created: 0, skipped: 1 });
    const contacts = await db.sql.query('SELECT 1 FROM contacts WHERE tenant = $1 AND address = $2', [TENANT, ANN]);
    expect(contacts.rows).toHaveLength(0);
  });
});

/** Every row of every table in the test schema, as "table {json}". */
async function dumpRows(db: TestDatabase): Promise<string[]> {
  const tables = await db.sql.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name",
    [db.schema],
  );
  const lines: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await db.sql.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${db.schema}.${table_name} t`);
    for (const { row } of rows.rows) lines.push(`${table_name} ${row}`);
  }
  return lines;
}

/** Every Redis key under the stores' prefix with its value, as "key value". */
async function dumpRedis(stores: Stores): Promise<string[]> {
  const { redis, prefix } = stores as Stores & { redis: RedisClient; prefix: string };
  const lines: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      const value =
        type === 'string'
          ? await redis.get(key)
          : type === 'hash'
            ? JSON.stringify(await redis.hgetall(key))
            : type === 'list'
              ? JSON.stringify(await redis.lrange(key, 0, -1))
              : JSON.stringify(await redis.zrange(key, '0', '-1'));
      lines.push(`${key} ${value ?? ''}`);
    }
  } while (cursor !== '0');
  return lines;
}
