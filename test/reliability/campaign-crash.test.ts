/**
 * kill -9 the process running a campaign (the scheduler's runner and the worker that starts each
 * contact's flow) in the middle of it, restart it, and the campaign still messages every contact of
 * its audience EXACTLY once (counted per recipient at the fake Graph API), skips nobody, messages
 * nobody outside it, and completes. The runner appends each contact's inbox item with a dedupe key
 * before marking the recipient queued: a crash between the two re-appends and the dedupe drops it.
 *
 * The webhooks, the admin API and the sender live in a second process that stays up: Meta's status
 * webhooks keep the sender's own crash window closed (test/reliability/sender-crash.test.ts covers
 * that window), so a duplicate here can only come from the campaign's fan-out.
 * Runs on one Redis prefix and the real PostgreSQL server (a fresh schema).
 */
import { afterAll, expect, it } from 'vitest';
import { waitFor } from '../../runtime/src/testing/seed';
import { BENCH_TENANT, seedContacts } from '../bench/campaigns-data';
import {
  campaignStatus,
  launchCampaign,
  offerCampaign,
  offerSends,
  startCampaignStack,
  type CampaignStack,
} from '../bench/campaigns-stack';

const AUDIENCE = 300;
/** 60/s for the number, half of it for the campaign: ~10 s of sending, long enough to kill mid-way. */
const NUMBER_RATE = 60;
const RATE_SHARE = 0.5;
const KILL_AFTER_SENDS = 60;

let stack: CampaignStack | undefined;
afterAll(async () => {
  await stack?.stop();
});

/** The audience's wa_ids: contacts 1..AUDIENCE of the seed (the others are not in it). */
const audienceIds = (): string[] => Array.from({ length: AUDIENCE }, (_, i) => `49151${String(i + 1).padStart(8, '0')}`);

it('a campaign survives kill -9 of its process: every contact messaged exactly once, none skipped, completed', async () => {
  stack = await startCampaignStack({
    numberRate: NUMBER_RATE,
    statuses: true,
    processes: ['ingress,sender', 'worker,scheduler'],
    seed: async (db) => {
      await seedContacts(db.sql, { audience: AUDIENCE, others: 30, now: Date.now() });
    },
  });
  const s = stack;
  await launchCampaign(s, offerCampaign('crash', RATE_SHARE));

  await waitFor('some of the campaign sent', () => offerSends(s.graph).size >= KILL_AFTER_SENDS, 60_000, 20);
  await s.process(1).kill('SIGKILL');
  const sentAtKill = offerSends(s.graph).size;
  // Proves the kill landed mid-campaign (not after its end).
  expect(sentAtKill).toBeLessThan(AUDIENCE);
  await s.start(1);

  await waitFor('every contact messaged', () => offerSends(s.graph).size >= AUDIENCE, 90_000, 100);
  await waitFor('the campaign completed', async () => (await campaignStatus(s, 'crash')) === 'completed', 20_000, 200);
  // Late duplicates (a re-appended item, a re-claimed send) would arrive within a lease or two.
  await new Promise((r) => setTimeout(r, 2000));

  const counts = offerSends(s.graph);
  const expected = audienceIds();
  expect(expected.filter((id) => counts.get(id) !== 1)).toEqual([]);
  expect([...counts.keys()].filter((id) => !expected.includes(id))).toEqual([]);
  expect(s.graph.duplicateKeys()).toEqual([]);
  const { rows } = await s.db.sql.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM campaign_recipients WHERE tenant = $1 AND campaign_id = $2 GROUP BY status ORDER BY status',
    [BENCH_TENANT, 'crash'],
  );
  expect(rows.some((r) => r.status === 'pending' || r.status === 'suppressed')).toBe(false);
  expect(rows.reduce((n, r) => n + r.n, 0)).toBe(AUDIENCE);
}, 180_000);
