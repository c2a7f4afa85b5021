import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignBody } from '@parley/contract/api';
import pino from 'pino';
import { recordConsent } from '../consent/ledger';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import type { Sql } from '../db/sql';
import { asConversationId, type InboxItem } from '../conversation';
import { createMemoryStores } from '../stores';
import { freezeAudience, variantFor } from './audience';
import { fanOutBatch } from './fanout';
import { createDraft, getCampaign, listCampaigns, transition, updateDraft } from './repository';
import { campaignResults } from './results';
import { CampaignError } from './rows';
import { CampaignTracking } from './tracking';
import type { RuntimeContext } from '../platform/context';

const T = 'acme';
const NOW = Date.UTC(2025, 4, 1, 12, 0);

const body = (id: string, extra: Partial<CampaignBody> = {}): CampaignBody => ({
  id,
  name: `Campaign ${id}`,
  filter: { match: 'all', conditions: [{ field: 'tags', op: 'has_tag', value: 'vip' }] },
  schedule: { type: 'now' },
  variants: [
    { id: 'a', weight: 1, template: { name: 'promo' } },
    { id: 'b', weight: 3, template: { name: 'promo' } },
  ],
  goal: { event: 'order.placed', windowDays: 7 },
  ...extra,
});

/** `n` vip contacts: every third opted in, every fifth opted out (later wins), a time zone each. */
async function seedContacts(sql: Sql, n: number, zones: string[] = ['America/Sao_Paulo', 'Asia/Tokyo']): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { rows } = await sql.query<{ id: string }>(
      `INSERT INTO contacts (tenant, channel, address, name, language, timezone, tags, created_at, updated_at)
       VALUES ($1, 'whatsapp', $2, $3, 'en', $4, $5::text[], $6, $6) RETURNING id`,
      [T, `+5511900000${String(i).padStart(3, '0')}`, `Person ${i}`, zones[i % zones.length], i % 7 === 6 ? ['other'] : ['vip'], NOW],
    );
    const id = rows[0]!.id;
    ids.push(id);
    const base = { tenant: T, contactId: id, purpose: 'marketing' as const, channel: 'whatsapp' as const, recordedBy: 'test' };
    if (i % 3 === 0)
      await recordConsent(sql, { ...base, action: 'opt_in', source: 'import', wording: 'Yes, send me offers', at: NOW - 1000 });
    if (i % 5 === 0) await recordConsent(sql, { ...base, action: 'opt_out', source: 'keyword', at: NOW - 500 });
  }
  return ids;
}

describe.each(TEST_DATABASES)('campaign records on %s', (kind) => {
  let db: TestDatabase;
  let contacts: string[];
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    contacts = await seedContacts(db.sql, 42);
  }, 60_000);
  afterAll(async () => db?.drop());

  it('creates, edits and lists drafts; a second create of the id is refused', async () => {
    const created = await createDraft(db.sql, T, body('spring'), 'ana', NOW);
    expect(created).toMatchObject({ id: 'spring', status: 'draft', rateShare: 0.5, createdBy: 'ana', createdAt: NOW });
    await expect(createDraft(db.sql, T, body('spring'), 'ana', NOW)).rejects.toMatchObject({ code: 'exists', status: 409 });
    const edited = await updateDraft(db.sql, T, 'spring', { name: 'Spring sale', segment: 'vips' }, 'ana', NOW + 1);
    expect(edited.name).toBe('Spring sale');
    expect(edited.segment).toBe('vips');
    expect(edited.filter).toBeUndefined();
    expect((await listCampaigns(db.sql, T)).map((c) => c.id)).toContain('spring');
    expect(await listCampaigns(db.sql, 'other-tenant')).toEqual([]);
  });

  it('moves through the status machine, audits each change and refuses what the machine does not allow', async () => {
    await createDraft(db.sql, T, body('machine'), 'ana', NOW);
    await transition(db.sql, T, 'machine', 'running', { actor: 'ana', now: NOW, set: { startedAt: NOW } });
    const paused = await transition(db.sql, T, 'machine', 'paused', { actor: 'ana', now: NOW + 1, reason: 'checking the copy' });
    expect(paused).toMatchObject({ status: 'paused', pausedReason: 'checking the copy', startedAt: NOW });
    const resumed = await transition(db.sql, T, 'machine', 'running', { actor: 'ana', now: NOW + 2 });
    expect(resumed.pausedReason).toBeUndefined();
    const done = await transition(db.sql, T, 'machine', 'cancelled', { actor: 'bo', now: NOW + 3 });
    expect(done).toMatchObject({ status: 'cancelled', finishedAt: NOW + 3 });
    const refused = await transition(db.sql, T, 'machine', 'running', { actor: 'ana', now: NOW + 4 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CampaignError);
    expect((refused as CampaignError).code).toBe('bad_transition');
    await expect(updateDraft(db.sql, T, 'machine', { name: 'x' }, 'ana', NOW)).rejects.toMatchObject({ code: 'not_a_draft' });
    const audit = await db.sql.query<{ action: string; actor: string }>(
      `SELECT action, actor FROM audit_log WHERE tenant = $1 AND subject = 'campaign:machine' ORDER BY id`,
      [T],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'campaign.create',
      'campaign.launch',
      'campaign.pause',
      'campaign.resume',
      'campaign.cancel',
    ]);
    expect(audit.rows.at(-1)!.actor).toBe('bo');
  });

  it('freezes the audience in one statement: weighted sticky variants, consent suppressions, once only', async () => {
    const campaign = await createDraft(db.sql, T, body('freeze'), 'ana', NOW);
    const filter = campaign.filter!;
    const frozen = await freezeAudience(db.sql, { tenant: T, campaign, filter, now: NOW, requireOptIn: true });
    const vips = contacts.filter((_, i) => i % 7 !== 6);
    expect(frozen.audience).toBe(vips.length);
    const { rows } = await db.sql.query<{ contact_id: string; variant: string; status: string; reason: string | null; due_at: number }>(
      `SELECT contact_id, variant, status, reason, due_at FROM campaign_recipients WHERE tenant = $1 AND campaign_id = 'freeze'`,
      [T],
    );
    for (const row of rows) {
      const i = contacts.indexOf(row.contact_id);
      expect(row.variant).toBe(variantFor('freeze', row.contact_id, campaign.variants));
      expect(row.due_at).toBe(NOW);
      if (i % 5 === 0) expect([row.status, row.reason]).toEqual(['suppressed', 'opted_out']);
      else if (i % 3 === 0) expect([row.status, row.reason]).toEqual(['pending', null]);
      else expect([row.status, row.reason]).toEqual(['suppressed', 'no_consent']);
    }
    expect(frozen.suppressed).toBe(rows.filter((r) => r.status === 'suppressed').length);
    // Both arms get people, about 1:3 (42 contacts is small: just not empty).
    expect(new Set(rows.map((r) => r.variant))).toEqual(new Set(['a', 'b']));
    const again = await freezeAudience(db.sql, { tenant: T, campaign, filter, now: NOW + 5, requireOptIn: true });
    expect(again.audience).toBe(frozen.audience);
  });

  it('an "at" schedule in the contact\'s time zone is due at that wall clock in each zone', async () => {
    const campaign = await createDraft(
      db.sql,
      T,
      body('local', { schedule: { type: 'at', at: '2025-05-02T10:00', timezone: 'contact' } }),
      'ana',
      NOW,
    );
    await freezeAudience(db.sql, {
      tenant: T,
      campaign,
      filter: campaign.filter!,
      now: NOW,
      requireOptIn: false,
      wall: Date.UTC(2025, 4, 2, 10, 0),
    });
    const { rows } = await db.sql.query<{ timezone: string; due_at: number }>(
      `SELECT DISTINCT c.timezone, r.due_at FROM campaign_recipients r JOIN contacts c ON c.tenant = r.tenant AND c.id = r.contact_id
       WHERE r.tenant = $1 AND r.campaign_id = 'local'`,
      [T],
    );
    const due = Object.fromEntries(rows.map((r) => [r.timezone, r.due_at]));
    expect(due).toEqual({ 'America/Sao_Paulo': Date.UTC(2025, 4, 2, 13, 0), 'Asia/Tokyo': Date.UTC(2025, 4, 2, 1, 0) });
  });

  it('fans out due recipients once, even when the process dies between the append and the mark', async () => {
    const stores = createMemoryStores();
    const ctx = { stores } as Pick<RuntimeContext, 'stores'>;
    const created = await createDraft(db.sql, T, body('fan'), 'ana', NOW);
    await freezeAudience(db.sql, { tenant: T, campaign: created, filter: created.filter!, now: NOW, requireOptIn: true });
    const campaign = await transition(db.sql, T, 'fan', 'running', { actor: 'ana', now: NOW });
    const crash = await fanOutBatch(ctx, db.sql, campaign, 3, NOW, {
      afterAppend: () => {
        throw new Error('killed');
      },
    }).catch((e: Error) => e.message);
    expect(crash).toBe('killed');
    const pending = async () =>
      (
        await db.sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM campaign_recipients WHERE campaign_id = 'fan' AND status = 'pending'`,
        )
      ).rows[0]!.n;
    const before = await pending();
    let queued = 0;
    for (let round = 0; round < 20 && (await pending()) > 0; round++) queued += await fanOutBatch(ctx, db.sql, campaign, 4, NOW);
    expect(queued).toBe(before);
    // Every consented vip has exactly one campaign item in its inbox (the crashed batch's were deduplicated).
    const consented = contacts.filter((_, i) => i % 7 !== 6 && i % 3 === 0 && i % 5 !== 0);
    expect(consented.length).toBe(before);
    const items: InboxItem[] = [];
    for (let i = 0; i < contacts.length; i++) {
      const conv = asConversationId(`${T}:whatsapp:5511900000${String(i).padStart(3, '0')}`);
      for (let item = await stores.inbox.peek(conv), n = await stores.inbox.length(conv); n > 0 && item; n = 0) {
        expect(n).toBe(1);
        items.push(item);
      }
    }
    expect(items.length).toBe(consented.length);
    expect(items[0]).toMatchObject({ kind: 'campaign', campaign: 'fan', template: { name: 'promo' }, vars: { campaign: { id: 'fan' } } });
    // Paused: nothing more goes out.
    await transition(db.sql, T, 'fan', 'paused', { actor: 'ana', now: NOW });
  });

  it('records sends, statuses, replies and one conversion per event, and adds them up per variant', async () => {
    const created = await createDraft(db.sql, T, body('res'), 'ana', NOW);
    await freezeAudience(db.sql, { tenant: T, campaign: created, filter: created.filter!, now: NOW, requireOptIn: true });
    const campaign = await transition(db.sql, T, 'res', 'running', { actor: 'ana', now: NOW });
    await fanOutBatch({ stores: createMemoryStores() }, db.sql, campaign, 100, NOW);
    // A second, older campaign to one contact with the same goal: the conversion must go to 'res' only.
    let clock = NOW + 1000;
    const tracking = new CampaignTracking({ db: db.sql, log: pino({ level: 'silent' }), now: () => clock }, db.sql);
    const { rows } = await db.sql.query<{ contact_id: string; variant: string; address: string }>(
      `SELECT r.contact_id, r.variant, c.address FROM campaign_recipients r JOIN contacts c ON c.tenant = r.tenant AND c.id = r.contact_id
       WHERE r.tenant = $1 AND r.campaign_id = 'res' AND r.status = 'queued' ORDER BY c.address`,
      [T],
    );
    const conv = (address: string) => asConversationId(`${T}:whatsapp:${address.slice(1)}`);
    for (const [i, row] of rows.entries()) {
      const tag = { id: 'res', variant: row.variant };
      tracking.message(conv(row.address), tag, { messageId: `wamid.${i}`, sentAt: clock });
      if (i % 2 === 0) tracking.message(conv(row.address), tag, { deliveredAt: clock + 10 });
      if (i === 0) tracking.message(conv(row.address), tag, { readAt: clock + 20 });
      if (i === 1)
        tracking.message(conv(row.address), tag, { failedAt: clock + 30, errorCode: 131049, errorClass: 'ecosystem_engagement' });
    }
    await tracking.flush();
    clock += 60_000;
    tracking.inboundMessage(conv(rows[0]!.address), clock, true);
    tracking.conversion(conv(rows[0]!.address), { event: 'order.placed' }, clock);
    tracking.conversion(conv(rows[0]!.address), { event: 'order.placed' }, clock + 1);
    tracking.conversion(conv(rows[2]!.address), { event: 'something.else' }, clock);
    await tracking.flush();
    const results = await campaignResults({ routes: new Map(), config: { send: { ratePerSecond: 20 } } } as never, db.sql, T, 'res', clock);
    const t = results.totals;
    expect(t.suppressed + t.sent).toBe(t.audience);
    expect(t.pending + t.queued).toBe(0);
    expect(t.sent).toBe(rows.length);
    expect(t.delivered).toBe(Math.ceil(rows.length / 2));
    expect(t.read).toBe(1);
    expect(t.failed).toBe(1);
    expect(t.failedBy).toEqual({ ecosystem_engagement: 1 });
    expect(t.replied).toBe(1);
    expect(t.converted).toBe(1);
    expect(t.suppressedBy).toMatchObject({ no_consent: expect.any(Number), opted_out: expect.any(Number) });
    const perVariant = Object.values(results.variants).reduce((sum, f) => sum + f.audience, 0);
    expect(perVariant).toBe(t.audience);
    expect(results.status).toBe('running');
    expect((await getCampaign(db.sql, T, 'res'))?.status).toBe('running');
  });
  it("credits a reply in the same second as the send (Meta's timestamps are whole seconds)", async () => {
    const created = await createDraft(db.sql, T, body('same-second'), 'ana', NOW);
    await freezeAudience(db.sql, { tenant: T, campaign: created, filter: created.filter!, now: NOW, requireOptIn: true });
    const campaign = await transition(db.sql, T, 'same-second', 'running', { actor: 'ana', now: NOW });
    await fanOutBatch({ stores: createMemoryStores() }, db.sql, campaign, 100, NOW);
    const sentAt = NOW + 10 * 86_400_000 + 750;
    const tracking = new CampaignTracking({ db: db.sql, log: pino({ level: 'silent' }), now: () => sentAt }, db.sql);
    const { rows } = await db.sql.query<{ address: string }>(
      `SELECT c.address FROM campaign_recipients r JOIN contacts c ON c.tenant = r.tenant AND c.id = r.contact_id
       WHERE r.tenant = $1 AND r.campaign_id = 'same-second' AND r.status = 'queued' ORDER BY c.address LIMIT 2`,
      [T],
    );
    const conv = (address: string) => asConversationId(`${T}:whatsapp:${address.slice(1)}`);
    for (const row of rows)
      tracking.message(conv(row.address), { id: 'same-second', variant: 'a' }, { messageId: `wamid.s${row.address}`, sentAt });
    await tracking.flush();
    // The reply's timestamp is the send's second, truncated: before sentAt in ms, yet after the send.
    tracking.inboundMessage(conv(rows[0]!.address), Math.floor(sentAt / 1000) * 1000, false);
    // A message a whole second before the send is not a reply to it.
    tracking.inboundMessage(conv(rows[1]!.address), Math.floor(sentAt / 1000) * 1000 - 1000, false);
    await tracking.flush();
    const replied = await db.sql.query<{ address: string; replied_at: number | null }>(
      `SELECT c.address, r.replied_at FROM campaign_recipients r JOIN contacts c ON c.tenant = r.tenant AND c.id = r.contact_id
       WHERE r.tenant = $1 AND r.campaign_id = 'same-second' AND c.address = ANY($2::text[]) ORDER BY c.address`,
      [T, rows.map((r) => r.address)],
    );
    expect(replied.rows).toEqual([
      { address: rows[0]!.address, replied_at: sentAt },
      { address: rows[1]!.address, replied_at: null },
    ]);
  });
});
