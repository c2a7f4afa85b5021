/**
 * The launch checklist and recurring campaigns on both databases, with the repo's example flows
 * and templates loaded as the runtime loads them and a fake clock driving the runner by hand.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignBody } from '@parley/contract/api';
import { asConversationId } from '../conversation';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../db/testing';
import type { Sql } from '../db/sql';
import type { RuntimeContext } from '../platform/context';
import { createMemoryStores } from '../stores';
import { createRuntimeTemplates } from '../templates/create';
import { createTestContext } from '../testing/context';
import { checklist } from './checklist';
import { launchCampaign } from './launch';
import { createDraft, getCampaign, listCampaigns } from './repository';
import { startCampaignRunner } from './runner';

const REPO = new URL('../../../', import.meta.url).pathname;
const T = 'demo';
/** Not approved in this test: a variant sending it cannot launch. */
const UNAPPROVED = 'lead_follow_up';

async function exampleContext(sql: Sql, clock: { now: number }): Promise<RuntimeContext> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-launch-'));
  for (const f of readdirSync(join(REPO, 'flows')).filter((n) => n.endsWith('.json'))) copyFileSync(join(REPO, 'flows', f), join(dir, f));
  mkdirSync(join(dir, 'templates'));
  for (const f of readdirSync(join(REPO, 'templates')).filter((n) => n.endsWith('.json')))
    copyFileSync(join(REPO, 'templates', f), join(dir, 'templates', f));
  const ctx = createTestContext(createMemoryStores(), { flowsDir: dir, db: sql });
  ctx.now = () => clock.now;
  const templates = createRuntimeTemplates(ctx);
  ctx.templates = templates;
  await templates.load();
  ctx.flows.useTemplates(() => ctx.templates);
  await ctx.flows.loadAll();
  for (const { name, template } of templates.files())
    for (const language of Object.keys(template?.languages ?? {}))
      if (name !== UNAPPROVED)
        await templates.apply(T, {
          kind: 'status',
          wabaId: 'w',
          templateId: `${name}-${language}`,
          name,
          language,
          status: 'approved',
          at: 0,
        });
  return ctx;
}

/** Contacts tagged `tag` in UTC; the first `consented` of them opted in. */
async function seed(sql: Sql, tag: string, prefix: string, n: number, consented: number): Promise<void> {
  await sql.query(
    `INSERT INTO contacts (tenant, channel, address, name, language, timezone, tags, created_at, updated_at)
     SELECT $1, 'whatsapp', '+' || $2 || i, 'Person ' || i, 'en', 'UTC', ARRAY[$3], 0, 0 FROM generate_series(1, $4::int) AS i`,
    [T, prefix, tag, n],
  );
  await sql.query(
    `INSERT INTO consent_state (tenant, contact_id, purpose, status, at, event_id)
     SELECT tenant, id, 'marketing', 'opted_in', 0, 0 FROM contacts
     WHERE tenant = $1 AND $2 = ANY(tags) AND address LIKE '+' || $3 || '%' AND substr(address, length($3) + 2)::int <= $4`,
    [T, tag, prefix, consented],
  );
}

const draft = (id: string, tag: string, variants: CampaignBody['variants'], extra: Partial<CampaignBody> = {}): CampaignBody => ({
  id,
  name: id,
  filter: { match: 'all', conditions: [{ field: 'tags', op: 'has_tag', value: tag }] },
  schedule: { type: 'now' },
  variants,
  ...extra,
});

describe.each(TEST_DATABASES)('campaign launch on %s', (kind) => {
  let db: TestDatabase;
  let ctx: RuntimeContext;
  const clock = { now: Date.UTC(2025, 4, 1, 12, 0) };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ctx = await exampleContext(db.sql, clock);
    await seed(db.sql, 'mixed', '1555100', 5, 3);
    await seed(db.sql, 'nobody', '1555200', 2, 0);
  }, 120_000);
  afterAll(async () => db?.drop());

  it('refuses a template Meta has not approved, naming the variant and the template', async () => {
    const campaign = await createDraft(
      db.sql,
      T,
      draft('unapproved', 'mixed', [{ id: 'a', weight: 1, template: { name: UNAPPROVED } }]),
      'ana',
      clock.now,
    );
    const checks = await checklist(ctx, db.sql, campaign, clock.now);
    expect(checks.canLaunch).toBe(false);
    expect(checks.items).toContainEqual({
      check: 'template_approved',
      level: 'error',
      message: `variant a: template "${UNAPPROVED}" is not approved by Meta (en: not_submitted)`,
    });
    await expect(launchCampaign(ctx, db.sql, T, 'unapproved', 'ana', clock.now)).rejects.toMatchObject({ code: 'launch_refused' });
    expect((await getCampaign(db.sql, T, 'unapproved'))?.status).toBe('draft');
  });

  it('checks a flow variant and its templates, warns about contacts without consent and estimates the duration', async () => {
    const campaign = await createDraft(
      db.sql,
      T,
      draft('mixed', 'mixed', [{ id: 'flow', weight: 1, flow: 'cart-reminder-campaign' }], { rateShare: 0.25 }),
      'ana',
      clock.now,
    );
    const checks = await checklist(ctx, db.sql, campaign, clock.now);
    expect(checks).toMatchObject({ audience: 5, consented: 3, canLaunch: true, ratePerSecond: 20, estimatedDurationMs: 150 });
    expect(checks.items).toContainEqual({
      check: 'flow_published',
      level: 'ok',
      message: expect.stringMatching(/^variant flow: flow "cart-reminder-campaign" is published \(version \d+\)$/),
    });
    expect(checks.items).toContainEqual({
      check: 'audience_consented',
      level: 'warning',
      message: '3 of 5 contacts can be messaged; 2 have no marketing opt-in or opted out and will be suppressed',
    });
    const approved = checks.items.filter((i) => i.check === 'template_approved').map((i) => i.message);
    expect(approved).toEqual([
      'variant flow: template "cart_reminder" is approved (en)',
      'variant flow: template "re_engagement" is approved (en)',
    ]);
    expect(checks.items.find((i) => i.check === 'duration')?.message).toBe("3 messages at 20/s (25% of the number's rate): about 1 s");
  });

  it('refuses an audience nobody in which can be messaged, and an empty one', async () => {
    const variants = [{ id: 'a', weight: 1, template: { name: 'cart_reminder' } }];
    const nobody = await createDraft(db.sql, T, draft('nobody', 'nobody', variants), 'ana', clock.now);
    const none = await checklist(ctx, db.sql, nobody, clock.now);
    expect(none.canLaunch).toBe(false);
    expect(none.items).toContainEqual({
      check: 'audience_consented',
      level: 'error',
      message: 'none of the 2 contacts has a marketing opt-in: every send would be suppressed',
    });
    const empty = await createDraft(db.sql, T, draft('empty', 'no-such-tag', variants), 'ana', clock.now);
    expect((await checklist(ctx, db.sql, empty, clock.now)).items).toContainEqual({
      check: 'audience_consented',
      level: 'error',
      message: 'the audience is empty: no contact matches the filter',
    });
  });

  it('runs each occurrence of a recurring campaign as a child with its own, freshly evaluated audience', async () => {
    await seed(db.sql, 'weekly', '1555300', 2, 2);
    await createDraft(
      db.sql,
      T,
      draft('daily', 'weekly', [{ id: 'a', weight: 1, template: { name: 'cart_reminder' } }], {
        schedule: { type: 'recurring', every: 'day', time: '09:00', timezone: 'UTC', until: '2025-05-03' },
      }),
      'ana',
      clock.now,
    );
    const launched = await launchCampaign(ctx, db.sql, T, 'daily', 'ana', clock.now);
    expect(launched).toMatchObject({ status: 'scheduled' });
    const runner = startCampaignRunner(ctx, db.sql, { manual: true });
    try {
      const children = async () =>
        (await listCampaigns(db.sql, T)).filter((c) => c.parentId === 'daily').map((c) => [c.id, c.audienceSize]);
      await runner.tick();
      expect(await children()).toEqual([]);

      // The fan-out paces itself by the clock: a few seconds later every due recipient is queued.
      const later = async () => {
        for (let i = 0; i < 3; i++) {
          clock.now += 1000;
          await runner.tick();
        }
      };
      clock.now = Date.UTC(2025, 4, 2, 9, 0);
      await runner.tick();
      expect(await children()).toEqual([['daily-20250502', 2]]);
      await later();
      // A contact who joins the segment after the first occurrence is in the second one only.
      await seed(db.sql, 'weekly', '1555399', 1, 1);
      clock.now = Date.UTC(2025, 4, 3, 9, 0);
      await runner.tick();
      expect(await children()).toEqual(
        expect.arrayContaining([
          ['daily-20250502', 2],
          ['daily-20250503', 3],
        ]),
      );
      await later();
      const inbox = async (address: string) => ctx.stores.inbox.length(asConversationId(`${T}:whatsapp:${address}`));
      expect(await inbox('15553991')).toBe(1);
      expect(await inbox('15553001')).toBe(2);
      // Past `until`: the parent completes; no third child.
      clock.now = Date.UTC(2025, 4, 4, 9, 0);
      await runner.tick();
      expect((await getCampaign(db.sql, T, 'daily'))?.status).toBe('completed');
      expect(await children()).toHaveLength(2);
      expect((await getCampaign(db.sql, T, 'daily-20250502'))?.status).toBe('completed');
    } finally {
      await runner.stop();
    }
  });
});
