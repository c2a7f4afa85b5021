import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGraph, type FakeGraph } from '../../../test/fake-graph';
import { recordConsent } from '../consent/ledger';
import { suppressionHash } from '../consent/contact-ref';
import { asConversationId, type OutboundItem } from '../conversation';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import type { RuntimeContext } from '../platform/context';
import type { Stores } from '../stores';
import { dropPrefix, freshRedisStores } from '../stores/contract/harness';
import { createMemoryStores } from '../stores/memory';
import { TEST_ACCESS_TOKEN, TEST_APP_SECRET, createTestContext, testConfig } from '../testing/context';
import { seedContact, waitFor } from '../testing/seed';
import { applyMarketingRules, governMarketing, isMarketingSend } from './governance';
import { createSendPlane } from './plane';

// 2025-01-15 02:30 UTC = 2025-01-14 23:30 in São Paulo (UTC-3): inside 21:00–08:00 there.
const NIGHT_IN_SAO_PAULO = Date.UTC(2025, 0, 15, 2, 30);
// 2025-01-15 15:00 UTC = 12:00 in São Paulo.
const NOON_IN_SAO_PAULO = Date.UTC(2025, 0, 15, 15, 0);

const offer = { kind: 'template' as const, name: 'spring_sale', language: 'en', params: {}, category: 'marketing' as const };
const item = (key: string, extra: Partial<OutboundItem> = {}): OutboundItem => ({
  key,
  nodeId: 'n1',
  lane: 2,
  message: offer,
  attempts: 0,
  createdAt: 1,
  ...extra,
});

async function contact(db: TestDatabase, address: string, timezone: string | null = 'America/Sao_Paulo'): Promise<string> {
  const { rows } = await db.sql.query<{ id: string }>(
    `INSERT INTO contacts (tenant, channel, address, timezone, created_at, updated_at) VALUES ('demo', 'whatsapp', $1, $2, 1, 1) RETURNING id`,
    [address, timezone],
  );
  return rows[0]!.id;
}
const optIn = (db: TestDatabase, contactId: string, action: 'opt_in' | 'opt_out' = 'opt_in') =>
  recordConsent(db.sql, {
    tenant: 'demo',
    contactId,
    purpose: 'marketing',
    action,
    channel: 'whatsapp',
    source: 'api',
    wording: 'Offers by WhatsApp',
    recordedBy: 'test',
    at: 1,
  });

const marketing = {
  quietHours: { start: '21:00', end: '08:00' },
  frequencyCaps: [
    { max: 1, hours: 24 },
    { max: 3, hours: 168 },
  ],
};

describe('which sends are marketing', () => {
  const ctx = createTestContext(createMemoryStores());
  it('a campaign item, a flagged item and a marketing template are; a text reply and a utility template are not', () => {
    const text = { kind: 'text' as const, text: 'hi' };
    expect(isMarketingSend(ctx, item('a', { message: text, campaign: { id: 'c', variant: 'a' } }), text)).toBe(true);
    expect(isMarketingSend(ctx, item('a', { message: text, marketing: true }), text)).toBe(true);
    expect(isMarketingSend(ctx, item('a'), offer)).toBe(true);
    expect(isMarketingSend(ctx, item('a', { message: text, lane: 0 }), text)).toBe(false);
    expect(isMarketingSend(ctx, item('a'), { ...offer, category: 'utility' })).toBe(false);
  });
});

describe.each(TEST_DATABASES)('the marketing rules on %s', (kind) => {
  let db: TestDatabase;
  let ctx: RuntimeContext;
  let now = NOON_IN_SAO_PAULO;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  }, 60_000);
  afterAll(() => db?.drop());
  beforeEach(() => {
    now = NOON_IN_SAO_PAULO;
    ctx = createTestContext(createMemoryStores(), { db: db.sql, config: testConfig({ marketing }) });
    ctx.now = () => now;
  });
  const govern = (address: string, it: OutboundItem) =>
    governMarketing(ctx, { tenantId: 'demo', conv: asConversationId(`demo:whatsapp:${address.slice(1)}`), item: it, message: it.message });

  it('suppresses without an opt-in, after an opt-out, and for an erased person', async () => {
    expect(await govern('+5511900000001', item('k1'))).toEqual({ action: 'suppress', reason: 'no_consent' });
    const id = await contact(db, '+5511900000002');
    expect(await govern('+5511900000002', item('k1'))).toEqual({ action: 'suppress', reason: 'no_consent' });
    await optIn(db, id);
    await optIn(db, id, 'opt_out');
    expect(await govern('+5511900000002', item('k1'))).toEqual({ action: 'suppress', reason: 'opted_out' });
    await db.sql.query(
      `INSERT INTO suppressions (tenant, channel, address_hash, reason, at) VALUES ('demo', 'whatsapp', $1, 'erased', 1)`,
      [suppressionHash({ tenant: 'demo', channel: 'whatsapp', address: '+5511900000003' })],
    );
    expect(await govern('+5511900000003', item('k1'))).toEqual({ action: 'suppress', reason: 'erased' });
  });

  it('without requireOptIn only an opt-out stops it (and the contact row is created for the caps)', async () => {
    ctx.tenants[0]!.marketing!.requireOptIn = false;
    expect(await govern('+5511900000004', item('k1'))).toEqual({ action: 'send' });
    const { rows } = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM marketing_sends m JOIN contacts c ON c.tenant = m.tenant AND c.id = m.contact_id WHERE c.address = '+5511900000004'`,
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('holds until the quiet hours end on the contact’s clock (zone from the row, else from the number)', async () => {
    await optIn(db, await contact(db, '+5511900000005'));
    now = NIGHT_IN_SAO_PAULO;
    // 23:30 → 08:00 next morning in São Paulo = 11:00 UTC.
    expect(await govern('+5511900000005', item('k1'))).toEqual({ action: 'hold', untilMs: Date.UTC(2025, 0, 15, 11, 0) });
    // No zone on the row: +55 is Brazil, São Paulo's clock.
    await optIn(db, await contact(db, '+5511900000006', null));
    expect(await govern('+5511900000006', item('k1'))).toEqual({ action: 'hold', untilMs: Date.UTC(2025, 0, 15, 11, 0) });
    // A reply to someone who just wrote is never held.
    expect(await govern('+5511900000006', item('r1', { lane: 0 }))).toEqual({ action: 'send' });
  });

  it('applies every frequency cap, counting a retried item once', async () => {
    await optIn(db, await contact(db, '+5511900000007'));
    expect(await govern('+5511900000007', item('day1'))).toEqual({ action: 'send' });
    expect(await govern('+5511900000007', item('day1'))).toEqual({ action: 'send' });
    expect(await govern('+5511900000007', item('day1-again'))).toEqual({ action: 'suppress', reason: 'frequency_cap' });
    now += 25 * 3_600_000;
    expect(await govern('+5511900000007', item('day2'))).toEqual({ action: 'send' });
    now += 25 * 3_600_000;
    expect(await govern('+5511900000007', item('day3'))).toEqual({ action: 'send' });
    now += 25 * 3_600_000;
    // Three in the last 7 days: the weekly cap stops the fourth although the daily one allows it.
    expect(await govern('+5511900000007', item('day4'))).toEqual({ action: 'suppress', reason: 'frequency_cap' });
  });

  it('is atomic across concurrent senders: of 12 racing sends under a cap of 3 a week, exactly 3 go', async () => {
    ctx.tenants[0]!.marketing!.frequencyCaps = [{ max: 3, hours: 168 }];
    await optIn(db, await contact(db, '+5511900000008'));
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => govern('+5511900000008', item(`race-${i}`))));
    expect(results.filter((r) => r.action === 'send')).toHaveLength(3);
    expect(results.filter((r) => r.action === 'suppress')).toHaveLength(9);
  });

  it('the sender hook drops a suppressed item, records it and marks the campaign recipient', async () => {
    const id = await contact(db, '+5511900000009');
    await db.sql.query(
      `INSERT INTO campaigns (tenant, id, name, status, schedule, variants, created_by, created_at, updated_at)
       VALUES ('demo', 'spring', 'Spring', 'running', '{"type":"now"}', '[]', 'test', 1, 1)`,
    );
    await db.sql.query(
      `INSERT INTO campaign_recipients (tenant, campaign_id, contact_id, variant, status, due_at) VALUES ('demo', 'spring', $1, 'a', 'queued', 1)`,
      [id],
    );
    const conv = asConversationId('demo:whatsapp:5511900000009');
    const campaignItem = item('camp-1', { campaign: { id: 'spring', variant: 'a' } });
    await ctx.stores.outbox.enqueue(conv, campaignItem, now);
    const claim = (await ctx.stores.outbox.claim(now, 30_000))!;
    expect(await applyMarketingRules(ctx, claim, 'demo', campaignItem, offer)).toBe('continue');
    expect(await ctx.stores.outbox.head(conv)).toBeNull();
    const sent = await db.sql.query('SELECT contact_id, conversation, message_key, reason, campaign_id, template FROM suppressed_sends');
    expect(sent.rows).toContainEqual({
      contact_id: id,
      conversation: conv,
      message_key: 'camp-1',
      reason: 'no_consent',
      campaign_id: 'spring',
      template: 'spring_sale',
    });
    const recipient = await db.sql.query('SELECT status, reason FROM campaign_recipients WHERE contact_id = $1', [id]);
    expect(recipient.rows).toEqual([{ status: 'suppressed', reason: 'no_consent' }]);
    expect((await ctx.metrics.marketingSuppressed.get()).values).toContainEqual(
      expect.objectContaining({ labels: { reason: 'no_consent' }, value: 1 }),
    );
  });
});

describe.each([
  ['memory', async () => createMemoryStores()],
  ['redis', freshRedisStores],
] as Array<[string, () => Promise<Stores>]>)('the send plane with the marketing rules (%s stores)', (_impl, openStores) => {
  let graph: FakeGraph;
  let db: TestDatabase;
  beforeAll(async () => {
    graph = await startFakeGraph({ appSecret: TEST_APP_SECRET, accessToken: TEST_ACCESS_TOKEN });
    db = await openTestDatabase('postgres');
  }, 60_000);
  afterAll(async () => {
    await graph.close();
    await db?.drop();
  });
  let ctx: RuntimeContext;
  let stop: () => Promise<void>;
  let wake: () => void;
  beforeEach(async () => {
    graph.reset();
    ctx = createTestContext(await openStores(), {
      db: db.sql,
      config: testConfig({ graph: { baseUrl: graph.url, version: 'v23.0' }, marketing: { frequencyCaps: [{ max: 1, hours: 24 }] } }),
    });
    const plane = createSendPlane(ctx, { concurrency: 2 });
    plane.start();
    stop = () => plane.stop();
    wake = () => plane.wake();
  });
  afterEach(async () => {
    await stop();
    await dropPrefix(ctx.stores);
    await ctx.stores.close();
  });

  it('a message held by quiet hours does not hold up the reply queued behind it', async () => {
    const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    ctx.tenants[0]!.marketing!.quietHours = { start: hhmm(Date.now() - 3_600_000), end: hhmm(Date.now() + 3_600_000) };
    const conv = asConversationId('demo:whatsapp:16505550103');
    await optIn(db, await contact(db, '+16505550103', 'UTC'));
    await seedContact(ctx.stores, conv, { lastInboundAt: Date.now() });
    await ctx.stores.outbox.enqueue(conv, item('night-offer', { campaign: { id: 'spring', variant: 'a' } }), Date.now());
    await ctx.stores.outbox.enqueue(conv, item('reply', { lane: 0, message: { kind: 'text', text: 'hello' } }), Date.now());
    wake();
    await waitFor('the reply', () => graph.textsTo('16505550103').length === 1);
    expect(graph.textsTo('16505550103')).toEqual(['hello']);
    // The offer waits for the morning, still queued, sent to nobody.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(graph.sendsTo('16505550103')).toHaveLength(1);
    expect(await ctx.stores.outbox.head(conv)).toMatchObject({ key: 'night-offer' });
    expect(await ctx.stores.outbox.pendingCount()).toBe(1);
  });

  it('sends the reply and the consented offer once; the unconsented one is not sent', async () => {
    const consented = asConversationId('demo:whatsapp:16505550101');
    const unconsented = asConversationId('demo:whatsapp:16505550102');
    await optIn(db, await contact(db, '+16505550101', 'UTC'));
    for (const conv of [consented, unconsented]) {
      await seedContact(ctx.stores, conv, { lastInboundAt: Date.now() });
      await ctx.stores.outbox.enqueue(conv, item('reply', { lane: 0, message: { kind: 'text', text: 'hello' } }), Date.now());
      await ctx.stores.outbox.enqueue(conv, item('offer-1'), Date.now());
      await ctx.stores.outbox.enqueue(conv, item('offer-2'), Date.now());
    }
    wake();
    await waitFor('outboxes settled', async () => (await ctx.stores.outbox.pendingCount()) === 0);
    await waitFor('suppressions recorded', async () => (await db.sql.query('SELECT 1 FROM suppressed_sends')).rows.length === 3);
    expect(graph.sendsTo('16505550101')).toHaveLength(2);
    expect(graph.sendsTo('16505550102')).toHaveLength(1);
    const { rows } = await db.sql.query<{ message_key: string; reason: string }>(
      'SELECT message_key, reason FROM suppressed_sends ORDER BY reason, message_key',
    );
    expect(rows).toEqual([
      { message_key: 'offer-2', reason: 'frequency_cap' },
      { message_key: 'offer-1', reason: 'no_consent' },
      { message_key: 'offer-2', reason: 'no_consent' },
    ]);
  });
});
