/**
 * A whole runtime (real Redis, the fake Graph API, PostgreSQL) runs a 200-contact campaign
 * through the admin API: each consented contact gets the template exactly once, pause stops the
 * fan-out and resume finishes it, and the results add up.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startStack, type Stack } from '../../../test/integration/harness';
import { openTestDatabase, type TestDatabase } from '../db/testing';

const CONTACTS = 200;
const T = 'demo';
let db: TestDatabase;
let stack: Stack;

beforeAll(async () => {
  db = await openTestDatabase('postgres');
  // 200 consented vips and 20 without consent (suppressed at freeze; the send plane would refuse them too).
  await db.sql.query(
    `INSERT INTO contacts (tenant, channel, address, name, language, timezone, tags, created_at, updated_at)
     SELECT $1, 'whatsapp', '+4477009' || lpad(i::text, 5, '0'), 'Person ' || i, 'en', 'Europe/London', ARRAY['vip'], 0, 0
     FROM generate_series(1, $2::int + 20) AS i`,
    [T, CONTACTS],
  );
  await db.sql.query(
    `INSERT INTO consent_state (tenant, contact_id, purpose, status, at, event_id)
     SELECT tenant, id, 'marketing', 'opted_in', 0, 0 FROM contacts WHERE tenant = $1 AND address <= '+4477009' || lpad($2::text, 5, '0')`,
    [T, CONTACTS],
  );
  stack = await startStack({ store: 'redis', db: db.sql });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await db?.drop();
});

const sentCount = (): number => stack.graph.sent.filter((r) => r.path.endsWith('/messages') && r.accepted).length;

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('runs a 200-contact campaign: each consented contact messaged once, pause and resume, results add up', async () => {
  const draft = await stack.api('POST', '/api/campaigns', {
    id: 'follow-up',
    name: 'Lead follow-up',
    filter: { match: 'all', conditions: [{ field: 'tags', op: 'has_tag', value: 'vip' }] },
    schedule: { type: 'now' },
    rateShare: 0.5,
    variants: [
      { id: 'a', weight: 1, template: { name: 'lead_follow_up', values: { name: '{{contact.name}}', company: 'Acme' } } },
      { id: 'b', weight: 1, template: { name: 'lead_follow_up', values: { name: 'friend', company: 'Acme' } } },
    ],
    goal: { event: 'demo.booked', windowDays: 7 },
  });
  expect(draft.status).toBe(201);
  const checklist = await stack.api('GET', '/api/campaigns/follow-up/checklist');
  expect(checklist.body).toMatchObject({ audience: CONTACTS + 20, consented: CONTACTS, canLaunch: true });
  const launched = await stack.api('POST', '/api/campaigns/follow-up/launch');
  expect(launched.status).toBe(200);
  expect(launched.body.campaign).toMatchObject({ status: 'running', audienceSize: CONTACTS + 20 });

  await until(() => sentCount() >= 30, 20_000, '30 sends');
  const paused = await stack.api('POST', '/api/campaigns/follow-up/pause', { reason: 'checking the copy' });
  expect(paused.body.campaign).toMatchObject({ status: 'paused', pausedReason: 'checking the copy' });
  // The fan-out stops (a tick in flight may finish); what was queued before the pause still goes, then nothing more.
  await new Promise((r) => setTimeout(r, 500));
  const started = async (): Promise<number> =>
    (
      await db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM campaign_recipients WHERE tenant = $1 AND campaign_id = 'follow-up' AND status NOT IN ('pending', 'suppressed')`,
        [T],
      )
    ).rows[0]!.n;
  const atPause = await started();
  await new Promise((r) => setTimeout(r, 1000));
  expect(await started()).toBe(atPause);
  expect(atPause).toBeLessThan(CONTACTS);
  await until(() => sentCount() >= atPause, 20_000, 'the queued sends');
  await new Promise((r) => setTimeout(r, 500));
  expect(sentCount()).toBe(atPause);

  const resumed = await stack.api('POST', '/api/campaigns/follow-up/resume');
  expect(resumed.body.campaign.status).toBe('running');
  await until(() => sentCount() >= CONTACTS, 30_000, 'every send');
  await new Promise((r) => setTimeout(r, 500));
  expect(sentCount()).toBe(CONTACTS);
  const counts = stack.graph.countsByRecipient();
  expect(counts.size).toBe(CONTACTS);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  // Variant a addresses the person by name; b does not.
  const first = stack.graph.sent.find((r) => r.path.endsWith('/messages'))!;
  expect(JSON.stringify(first.body)).toContain('lead_follow_up');

  // A reply and a conversion from one recipient.
  const someone = [...counts.keys()][0]!;
  await stack.graph.postInbound(someone, 'Sounds good');
  const event = await stack.api('POST', '/api/events/demo.booked', { contact: { id: someone } });
  expect(event.status).toBe(202);

  await until(
    async () => {
      const r = await stack.api('GET', '/api/campaigns/follow-up/results');
      return (
        r.body.status === 'completed' && r.body.totals.sent === CONTACTS && r.body.totals.converted === 1 && r.body.totals.replied === 1
      );
    },
    15_000,
    'the results',
  );
  const results = (await stack.api('GET', '/api/campaigns/follow-up/results')).body;
  expect(results.totals).toMatchObject({
    audience: CONTACTS + 20,
    suppressed: 20,
    suppressedBy: { no_consent: 20 },
    pending: 0,
    failed: 0,
  });
  expect(results.variants.a.audience + results.variants.b.audience).toBe(CONTACTS + 20);
  expect(results.variants.a.sent + results.variants.b.sent).toBe(CONTACTS);
}, 120_000);
