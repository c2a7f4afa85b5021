/**
 * A whole runtime (real Redis, the fake Graph API, PostgreSQL) runs the campaign paths the
 * 200-contact test does not: a flow variant (the example cart-reminder flow, fed the contacts'
 * custom fields), the goal node as the conversion, the campaign's funnel in the analytics overlay,
 * and the automatic pause on Meta's quality errors and on a template Meta paused.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startStack, type Stack } from '../../../test/integration/harness';
import { openTestDatabase, type TestDatabase } from '../db/testing';
import { TEST_PHONE_NUMBER_ID } from '../testing/context';

const T = 'demo';
const FLOW = 'cart-reminder-campaign';
let db: TestDatabase;
let stack: Stack;

/** `n` consented contacts tagged `tag`, numbers `+<prefix>NN`, each with a cart in its custom fields. */
async function seed(tag: string, prefix: string, n: number): Promise<string[]> {
  await db.sql.query(
    `INSERT INTO contacts (tenant, channel, address, name, language, timezone, tags, fields, created_at, updated_at)
     SELECT $1, 'whatsapp', '+' || $2 || lpad(i::text, 2, '0'), 'Person ' || i, 'en', 'UTC', ARRAY[$3],
       jsonb_build_object('cart_id', 'cart-' || $2 || i, 'item_count', i, 'cart_total', i * 10), 0, 0
     FROM generate_series(1, $4::int) AS i`,
    [T, prefix, tag, n],
  );
  await db.sql.query(
    `INSERT INTO consent_state (tenant, contact_id, purpose, status, at, event_id)
     SELECT tenant, id, 'marketing', 'opted_in', 0, 0 FROM contacts WHERE tenant = $1 AND $2 = ANY(tags)`,
    [T, tag],
  );
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);
}

beforeAll(async () => {
  db = await openTestDatabase('postgres');
  stack = await startStack({
    store: 'redis',
    db: db.sql,
    // A WABA, so a template can be submitted to the fake and Meta can pause it; no periodic pull from Meta.
    config: {
      templates: { syncIntervalSec: 0 },
      tenants: [
        {
          id: T,
          appSecretEnv: 'T_APP_SECRET',
          verifyTokenEnv: 'T_VERIFY_TOKEN',
          accessTokenEnv: 'T_ACCESS_TOKEN',
          appId: '1234567890',
          channels: [{ type: 'whatsapp', phoneNumberId: TEST_PHONE_NUMBER_ID, wabaId: '102290129340398' }],
        },
      ],
    },
  });
  // Small thresholds so a few failures decide (the defaults are 50 sends and 5 %).
  for (const marketing of [stack.ctx.config.marketing, ...stack.ctx.tenants.map((t) => t.marketing)])
    if (marketing) marketing.autoPause = { minSends: 5, failureRate: 0.05 };
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await db?.drop();
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string | (() => string)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sendsTo = (numbers: string[]) => stack.graph.sent.filter((r) => r.path.endsWith('/messages') && numbers.includes(r.recipient ?? ''));

async function launch(body: Record<string, unknown>): Promise<void> {
  const created = await stack.api('POST', '/api/campaigns', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const launched = await stack.api('POST', `/api/campaigns/${String(body.id)}/launch`);
  expect(launched.status, JSON.stringify(launched.body)).toBe(200);
}

it('a flow variant gets the custom fields as variables; reaching the goal node converts; the funnel is kept per campaign', async () => {
  const numbers = await seed('cart_open', '1555010', 6);
  await launch({
    id: 'carts',
    name: 'Cart reminder',
    filter: { match: 'all', conditions: [{ field: 'tags', op: 'has_tag', value: 'cart_open' }] },
    schedule: { type: 'now' },
    variants: [{ id: 'flow', weight: 1, flow: FLOW }],
    goal: { flow: FLOW, node: 'cart_link', windowDays: 3 },
  });
  await until(() => sendsTo(numbers).length >= numbers.length, 20_000, 'one template per contact');
  const reminders = sendsTo(numbers).filter((r) => JSON.stringify(r.body).includes('"cart_reminder"'));
  // The split sends about half the contacts the reminder, which carries the contact's own cart.
  for (const sent of reminders) expect(JSON.stringify(sent.body)).toContain(`"cart-1555010${Number(sent.recipient!.slice(7))}"`);
  const someone = numbers[0]!;
  await stack.graph.postInbound(someone, 'I still have a question about it');
  await until(() => stack.graph.textsTo(someone).length >= 2, 15_000, 'the saved cart link');
  expect(stack.graph.textsTo(someone)[1]).toContain('https://shop.example.com/cart/cart-15550101.');

  let last = '';
  await until(
    async () => {
      const r = (await stack.api('GET', '/api/campaigns/carts/results')).body;
      last = JSON.stringify(r.totals);
      return r.totals?.sent === numbers.length && r.totals.converted === 1 && r.totals.replied === 1;
    },
    15_000,
    () => `a reply and a conversion in the results (last: ${last})`,
  );
  const results = (await stack.api('GET', '/api/campaigns/carts/results')).body;
  expect(results.totals).toMatchObject({ audience: numbers.length, suppressed: 0, failed: 0 });
  expect(results.variants.flow.converted).toBe(1);

  const funnel = (await stack.api('GET', `/api/analytics/${FLOW}?campaign=carts`)).body;
  expect(funnel.starts).toBe(numbers.length);
  expect(funnel.nodes.opening_test.visits).toBe(numbers.length);
  expect(funnel.nodes.cart_link.visits).toBe(1);
  expect((funnel.nodes.cart_reminder?.visits ?? 0) + (funnel.nodes.check_in?.visits ?? 0)).toBe(numbers.length);
  const other = (await stack.api('GET', `/api/analytics/${FLOW}?campaign=someone-else`)).body;
  expect(other).toEqual({ nodes: {}, starts: 0, completions: 0 });
  // The flow's own overlay counts the campaign's sessions too.
  expect((await stack.api('GET', `/api/analytics/${FLOW}`)).body.starts).toBeGreaterThanOrEqual(numbers.length);
}, 60_000);

it("pauses itself when Meta's quality errors pass the threshold, with the reason, an audit row and no more sends", async () => {
  const numbers = await seed('quality', '1555020', 20);
  await launch({
    id: 'quality',
    name: 'Quality',
    filter: { match: 'all', conditions: [{ field: 'tags', op: 'has_tag', value: 'quality' }] },
    schedule: { type: 'now' },
    rateShare: 0.05, // 4 a second: the pause lands long before the 20th send
    variants: [{ id: 'a', weight: 1, template: { name: 'lead_follow_up', values: { name: '{{contact.name}}', company: 'Acme' } } }],
  });
  await until(() => sendsTo(numbers).length >= 6, 15_000, 'six sends');
  for (const sent of sendsTo(numbers).slice(0, 6))
    await stack.graph.postStatus(sent.messageId!, 'failed', [
      { code: 131049, title: 'This message was not delivered to maintain healthy ecosystem engagement.' },
    ]);
  await until(async () => (await stack.api('GET', '/api/campaigns/quality')).body.campaign.status === 'paused', 15_000, 'the auto-pause');
  const campaign = (await stack.api('GET', '/api/campaigns/quality')).body.campaign;
  expect(campaign.pausedReason).toMatch(/failed with Meta quality errors/);
  const audit = await db.sql.query<{ actor: string }>(
    `SELECT actor FROM audit_log WHERE subject = 'campaign:quality' AND action = 'campaign.pause'`,
  );
  expect(audit.rows).toEqual([{ actor: 'runtime' }]);
  // What was queued still goes; then nothing more.
  await new Promise((r) => setTimeout(r, 1500));
  const atPause = sendsTo(numbers).length;
  await new Promise((r) => setTimeout(r, 1500));
  expect(sendsTo(numbers).length).toBe(atPause);
  expect(atPause).toBeLessThan(numbers.length);
  const results = (await stack.api('GET', '/api/campaigns/quality/results')).body;
  expect(results.totals.failed).toBeGreaterThanOrEqual(6);
  expect(results.totals.pending).toBe(numbers.length - atPause);
}, 60_000);

it('pauses itself when Meta pauses a template it sends', async () => {
  // The template must exist on the fake's side for Meta to pause it: submit it, approve it.
  const submitted = await stack.api('POST', `/api/templates/re_engagement/submit?tenant=${T}`);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  await stack.graph.approveTemplate('re_engagement', 'en');
  await stack.graph.approveTemplate('re_engagement', 'es');
  const numbers = await seed('meta_pause', '1555030', 20);
  await launch({
    id: 'meta-pause',
    name: 'Meta pause',
    filter: { match: 'all', conditions: [{ field: 'tags', op: 'has_tag', value: 'meta_pause' }] },
    schedule: { type: 'now' },
    rateShare: 0.05,
    variants: [{ id: 'a', weight: 1, template: { name: 're_engagement', values: { first_name: '{{contact.name}}', store_name: 'Acme' } } }],
  });
  await until(() => sendsTo(numbers).length >= 2, 15_000, 'two sends');
  await stack.graph.pauseTemplate('re_engagement', 'en');
  await until(
    async () => (await stack.api('GET', '/api/campaigns/meta-pause')).body.campaign.status === 'paused',
    10_000,
    'the auto-pause',
  );
  const campaign = (await stack.api('GET', '/api/campaigns/meta-pause')).body.campaign;
  expect(campaign.pausedReason).toMatch(/^template re_engagement \(en\) was paused by Meta/);
  await new Promise((r) => setTimeout(r, 1500));
  const atPause = sendsTo(numbers).length;
  await new Promise((r) => setTimeout(r, 1000));
  expect(sendsTo(numbers).length).toBe(atPause);
  expect(atPause).toBeLessThan(numbers.length);
}, 60_000);
