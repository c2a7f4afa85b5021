import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import { consentEvents, consentOf, recordConsent, recordConsentBatch, UnknownContactError, type ConsentInput } from './ledger';

async function insertContact(db: TestDatabase, address: string, tenant = 'demo'): Promise<string> {
  const { rows } = await db.sql.query<{ id: string }>(
    `INSERT INTO contacts (tenant, channel, address, created_at, updated_at) VALUES ($1, 'whatsapp', $2, 1, 1) RETURNING id`,
    [tenant, address],
  );
  return rows[0]!.id;
}

const base = (contactId: string, over: Partial<ConsentInput> = {}): ConsentInput => ({
  tenant: 'demo',
  contactId,
  purpose: 'marketing',
  action: 'opt_in',
  channel: 'whatsapp',
  source: 'api',
  wording: 'Send me offers',
  recordedBy: 'ann',
  at: 1000,
  ...over,
});

describe.each(TEST_DATABASES)('the consent ledger on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  }, 60_000);
  afterAll(() => db?.drop());

  it('starts at none, records an opt-in, and says when the state did not change', async () => {
    const id = await insertContact(db, '+15550000001');
    expect(await consentOf(db.sql, 'demo', id)).toEqual({ marketing: { status: 'none' }, utility: { status: 'none' } });
    const first = await recordConsent(db.sql, base(id, { sourceDetail: { agent: 'ann' } }));
    expect(first.changed).toBe(true);
    expect(first.event).toMatchObject({
      contactId: id,
      action: 'opt_in',
      source: 'api',
      sourceDetail: { agent: 'ann' },
      wording: 'Send me offers',
    });
    const again = await recordConsent(db.sql, base(id, { at: 2000 }));
    expect(again.changed).toBe(false);
    const state = await consentOf(db.sql, 'demo', id);
    expect(state.marketing).toEqual({ status: 'opted_in', at: 2000, eventId: again.event.id });
    expect(state.utility.status).toBe('none');
    const out = await recordConsent(
      db.sql,
      base(id, { action: 'opt_out', source: 'keyword', wording: 'STOP', recordedBy: 'runtime', at: 3000 }),
    );
    expect(out.changed).toBe(true);
    expect((await consentOf(db.sql, 'demo', id)).marketing.status).toBe('opted_out');
    const events = await consentEvents(db.sql, 'demo', id);
    expect(events.map((e) => [e.action, e.at])).toEqual([
      ['opt_out', 3000],
      ['opt_in', 2000],
      ['opt_in', 1000],
    ]);
    const audit = await db.sql.query<{ action: string; actor: string }>(
      'SELECT action, actor FROM audit_log WHERE tenant = $1 AND subject = $2 ORDER BY id',
      ['demo', `contact:${id}`],
    );
    expect(audit.rows).toEqual([
      { action: 'consent.opt_in', actor: 'ann' },
      { action: 'consent.opt_out', actor: 'runtime' },
    ]);
  });

  it('keeps an older event in the ledger without letting it win the state', async () => {
    const id = await insertContact(db, '+15550000002');
    await recordConsent(db.sql, base(id, { action: 'opt_out', at: 5000 }));
    const late = await recordConsent(db.sql, base(id, { action: 'opt_in', source: 'import', at: 4000 }));
    expect(late.changed).toBe(false);
    expect((await consentOf(db.sql, 'demo', id)).marketing).toMatchObject({ status: 'opted_out', at: 5000 });
    expect(await consentEvents(db.sql, 'demo', id)).toHaveLength(2);
  });

  it('refuses an unknown contact and another tenant’s contact', async () => {
    const id = await insertContact(db, '+15550000003', 'other');
    await expect(recordConsent(db.sql, base(id))).rejects.toBeInstanceOf(UnknownContactError);
    await expect(recordConsent(db.sql, base('00000000-0000-0000-0000-000000000000'))).rejects.toThrow(/no contact/);
    expect(await consentEvents(db.sql, 'demo', id)).toEqual([]);
  });

  it('records a batch: every event kept, the latest per contact and purpose wins, changes counted', async () => {
    const a = await insertContact(db, '+15550000010');
    const b = await insertContact(db, '+15550000011');
    const c = await insertContact(db, '+15550000012');
    await recordConsent(db.sql, base(c, { action: 'opt_out', at: 9000 }));
    const row = (contactId: string, action: 'opt_in' | 'opt_out', at: number, detail: Record<string, string | number>) => ({
      ...base(contactId, { action, at, source: 'import' as const, sourceDetail: detail, wording: 'He said "yes", ok' }),
    });
    const result = await recordConsentBatch(db.sql, 'demo', [
      row(a, 'opt_in', 100, { file: 'a.csv', row: 2 }),
      row(a, 'opt_out', 50, { file: 'a.csv', row: 3 }),
      row(b, 'opt_in', 100, { file: 'a.csv', row: 4 }),
      row(c, 'opt_in', 100, { file: 'a.csv', row: 5 }),
    ]);
    expect(result).toEqual({ recorded: 4, changed: 2 });
    expect((await consentOf(db.sql, 'demo', a)).marketing).toMatchObject({ status: 'opted_in', at: 100 });
    expect((await consentOf(db.sql, 'demo', b)).marketing.status).toBe('opted_in');
    expect((await consentOf(db.sql, 'demo', c)).marketing).toMatchObject({ status: 'opted_out', at: 9000 });
    const events = await consentEvents(db.sql, 'demo', a);
    expect(events.map((e) => e.sourceDetail)).toEqual([
      { file: 'a.csv', row: 2 },
      { file: 'a.csv', row: 3 },
    ]);
    expect(events[0]!.wording).toBe('He said "yes", ok');
    expect(await recordConsentBatch(db.sql, 'demo', [])).toEqual({ recorded: 0, changed: 0 });
  });

  it('a keyword opt-out counts against the campaign that last reached the person within its window, only that one', async () => {
    const id = await insertContact(db, '+15550000030');
    for (const [campaign, goal] of [
      ['old', null],
      ['recent', { windowDays: 3 }],
      ['expired', { windowDays: 1 }],
    ] as const) {
      await db.sql.query(
        `INSERT INTO campaigns (tenant, id, name, status, schedule, variants, goal, created_by, created_at, updated_at)
         VALUES ('demo', $1, $1, 'running', '{"type":"now"}', '[]', $2, 'test', 1, 1)`,
        [campaign, goal],
      );
    }
    const DAY = 86_400_000;
    const at = 10 * DAY;
    const sent = { old: at - 4 * DAY, recent: at - 2 * DAY, expired: at - DAY / 2 - DAY };
    for (const [campaign, sentAt] of Object.entries(sent)) {
      await db.sql.query(
        `INSERT INTO campaign_recipients (tenant, campaign_id, contact_id, variant, status, due_at, sent_at) VALUES ('demo', $1, $2, 'a', 'sent', 1, $3)`,
        [campaign, id, sentAt],
      );
    }
    // 'expired' was sent last but its 1-day window is over; 'recent' (3 days) is the one.
    await recordConsent(db.sql, base(id, { action: 'opt_out', source: 'keyword', at }));
    const { rows } = await db.sql.query<{ campaign_id: string; opted_out_at: number | null }>(
      'SELECT campaign_id, opted_out_at FROM campaign_recipients WHERE contact_id = $1 ORDER BY campaign_id',
      [id],
    );
    expect(rows).toEqual([
      { campaign_id: 'expired', opted_out_at: null },
      { campaign_id: 'old', opted_out_at: null },
      { campaign_id: 'recent', opted_out_at: at },
    ]);
  });

  it('serialises concurrent events for one person: exactly one of two opt-outs changes the state', async () => {
    const id = await insertContact(db, '+15550000020');
    const results = await Promise.all([
      recordConsent(db.sql, base(id, { action: 'opt_out', at: 100 })),
      recordConsent(db.sql, base(id, { action: 'opt_out', at: 100 })),
    ]);
    expect(results.filter((r) => r.changed)).toHaveLength(1);
  });
});
