import type { EngineSnapshot } from '@parley/flow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { conversationOf } from '../contacts/addresses';
import { createContactSync } from '../contacts/sync';
import { conversationId, type ContactInfo } from '../conversation';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import { createLogger } from '../platform/logger';
import type { PostCommitEvent } from '../worker/post-commit';
import { activityOf, createActivityRecorder, insertActivity } from './activity';

const NOW = Date.UTC(2025, 5, 15);
const DAY = 86_400_000;
const ANA = conversationOf('demo', 'whatsapp', '+5511900000001');
const contact: ContactInfo = { id: '5511900000001', name: 'Ana' };

/** Only what the subscriber reads of a snapshot (the root flow). */
const snapshot = (flowId: string) => ({ flowId }) as EngineSnapshot;

function stepped(conversation = ANA, more: Partial<Extract<PostCommitEvent, { type: 'engine.stepped' }>> = {}): PostCommitEvent {
  return {
    type: 'engine.stepped',
    conversation,
    snapshot: snapshot('cart'),
    errors: [],
    handoffs: [],
    refusals: [],
    visited: [],
    outbound: 0,
    ...more,
  };
}

function received(
  message: Extract<PostCommitEvent, { type: 'message.received' }>['message'],
  more: { campaign?: { id: string; variant: string } } = {},
): PostCommitEvent {
  return { type: 'message.received', conversation: ANA, contact, message, at: NOW, ...more };
}

describe('activityOf: the rows an event stands for', () => {
  const ana = { tenant: 'demo', channel: 'whatsapp', address: '+5511900000001' };

  it('a message is message_received; a button or list pick is also button_clicked with the title, else the payload', () => {
    expect(activityOf(received({ kind: 'text', text: 'hi' }), NOW)).toEqual([{ ...ana, kind: 'message_received', at: NOW }]);
    expect(
      activityOf(received({ kind: 'button', text: 'Yes please', choiceId: 'yes' }, { campaign: { id: 'spring', variant: 'a' } }), NOW),
    ).toEqual([
      { ...ana, kind: 'message_received', at: NOW, campaign_id: 'spring' },
      { ...ana, kind: 'button_clicked', value: 'Yes please', at: NOW, campaign_id: 'spring' },
    ]);
    expect(activityOf(received({ kind: 'list', choiceId: 'row_2' }), NOW)[1]).toMatchObject({ kind: 'button_clicked', value: 'row_2' });
  });

  it('a step that started a session is flow_entered; each node visited (once per step) is node_reached', () => {
    const rows = activityOf(
      stepped(ANA, { started: true, visited: ['hello', 'ask', 'hello'], campaign: { id: 'spring', variant: 'b' } }),
      NOW,
    );
    expect(rows).toEqual([
      { ...ana, kind: 'flow_entered', flow_id: 'cart', at: NOW, campaign_id: 'spring' },
      { ...ana, kind: 'node_reached', flow_id: 'cart', node_id: 'hello', at: NOW, campaign_id: 'spring' },
      { ...ana, kind: 'node_reached', flow_id: 'cart', node_id: 'ask', at: NOW, campaign_id: 'spring' },
    ]);
    expect(activityOf(stepped(ANA, { visited: [] }), NOW)).toEqual([]);
  });

  it('previews and other events record nothing', () => {
    expect(activityOf(stepped(conversationId('demo', 'simulator', 'preview-1'), { started: true, visited: ['a'] }), NOW)).toEqual([]);
    expect(activityOf({ type: 'control.refused', conversation: ANA, reason: 'x' }, NOW)).toEqual([]);
  });
});

describe.each(TEST_DATABASES)('contact activity on %s', (kind) => {
  let db: TestDatabase;
  let anaId: string;
  const log = createLogger({ level: 'silent' });
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const { rows } = await db.sql.query<{ id: string }>(
      `INSERT INTO contacts (tenant, channel, address, created_at, updated_at) VALUES ('demo', 'whatsapp', '+5511900000001', 0, 0) RETURNING id`,
    );
    anaId = rows[0]!.id;
    for (const [id, sentAt] of [
      ['old', NOW - 10 * DAY],
      ['spring', NOW - 2 * DAY],
      ['later', NOW + DAY],
    ] as const) {
      await db.sql.query(
        `INSERT INTO campaigns (tenant, id, name, status, schedule, variants, created_by, created_at, updated_at)
         VALUES ('demo', $1, $1, 'running', '{"type":"now"}', '[]', 'test', 0, 0)`,
        [id],
      );
      await db.sql.query(
        `INSERT INTO campaign_recipients (tenant, campaign_id, contact_id, variant, status, due_at, sent_at) VALUES ('demo', $1, $2, 'a', 'sent', 0, $3)`,
        [id, anaId, sentAt],
      );
    }
  }, 60_000);
  beforeEach(() => db.sql.query('DELETE FROM contact_activity'));
  afterAll(() => db?.drop());

  const activity = async () =>
    (
      await db.sql.query<{
        kind: string;
        flow_id: string | null;
        node_id: string | null;
        campaign_id: string | null;
        value: string | null;
        at: number;
      }>('SELECT kind, flow_id, node_id, campaign_id, value, at FROM contact_activity ORDER BY id')
    ).rows;

  it('writes a batch by address, skipping rows whose contact does not exist', async () => {
    const base = { tenant: 'demo', channel: 'whatsapp' as const, at: NOW };
    const written = await insertActivity(db.sql, [
      { ...base, address: '+5511900000001', kind: 'flow_entered', flow_id: 'cart' },
      { ...base, address: '+5511999999999', kind: 'flow_entered', flow_id: 'cart' },
      { ...base, tenant: 'other', address: '+5511900000001', kind: 'message_received' },
      { ...base, address: '+5511900000001', kind: 'node_reached', flow_id: 'cart', node_id: 'offer', campaign_id: 'old' },
    ]);
    expect(written).toBe(2);
    expect(await activity()).toEqual([
      { kind: 'flow_entered', flow_id: 'cart', node_id: null, campaign_id: null, value: null, at: NOW },
      { kind: 'node_reached', flow_id: 'cart', node_id: 'offer', campaign_id: 'old', value: null, at: NOW },
    ]);
  });

  it('credits a button tap outside a campaign session to the campaign last sent within 7 days', async () => {
    const tap = { tenant: 'demo', channel: 'whatsapp' as const, address: '+5511900000001', kind: 'button_clicked' as const, value: 'Stop' };
    await insertActivity(db.sql, [
      { ...tap, at: NOW },
      { ...tap, at: NOW - 9 * DAY },
      { ...tap, at: NOW - 30 * DAY },
      { ...tap, at: NOW, campaign_id: 'old' },
    ]);
    expect((await activity()).map((r) => r.campaign_id)).toEqual(['spring', 'old', null, 'old']);
  });

  it('the worker subscriber writes after the contact sync, so a first message’s activity is kept', async () => {
    const ctx = { log, now: () => NOW };
    const sync = createContactSync(ctx, db.sql, { intervalMs: 10_000 });
    const recorder = createActivityRecorder(ctx, db.sql, { intervalMs: 10_000, before: () => sync.seen.flush() });
    const newcomer = conversationOf('demo', 'whatsapp', '+5511900000002');
    const events: PostCommitEvent[] = [
      {
        type: 'message.received',
        conversation: newcomer,
        contact: { id: '5511900000002', name: 'Bia' },
        message: { kind: 'text', text: 'oi' },
        at: NOW,
      },
      stepped(newcomer, { started: true, visited: ['welcome'] }),
      stepped(conversationId('demo', 'simulator', 'p1'), { started: true, visited: ['welcome'] }),
    ];
    for (const event of events) {
      sync.subscriber(event);
      recorder.subscriber(event);
    }
    await recorder.flush();
    const { rows } = await db.sql.query<{ address: string; kind: string; node_id: string | null }>(
      `SELECT c.address, a.kind, a.node_id FROM contact_activity a JOIN contacts c ON c.tenant = a.tenant AND c.id = a.contact_id ORDER BY a.id`,
    );
    expect(rows).toEqual([
      { address: '+5511900000002', kind: 'message_received', node_id: null },
      { address: '+5511900000002', kind: 'flow_entered', node_id: null },
      { address: '+5511900000002', kind: 'node_reached', node_id: 'welcome' },
    ]);
    expect(recorder.queue.failedRows).toBe(0);
  });

  it('a failed write is logged and counted, never thrown', async () => {
    const broken = { ...db.sql, query: () => Promise.reject(new Error('database gone')) };
    const recorder = createActivityRecorder({ log, now: () => NOW }, broken, { intervalMs: 10_000 });
    recorder.subscriber(received({ kind: 'text', text: 'hi' }));
    await expect(recorder.flush()).resolves.toBeUndefined();
    expect(recorder.queue.failedRows).toBe(1);
  });
});
