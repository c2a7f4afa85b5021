/**
 * The documented campaign example (docs/examples/) end to end through the admin API, on real
 * Redis, PostgreSQL and the fake Graph API: import the contacts CSV, save the segment, create the
 * campaign (sent now instead of its date), launch it and wait until it completes. The two US
 * contacts with a cart and a marketing opt-in are messaged once each; Ana (no opt-in) and João (no
 * cart) are not. Keeps the example in the docs working.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../runtime/src/db/testing';
import { TEST_ADMIN_TOKEN } from '../../runtime/src/testing/context';
import { startStack, type Stack } from './harness';

const EXAMPLES = new URL('../../docs/examples/', import.meta.url).pathname;
const example = (name: string): string => readFileSync(`${EXAMPLES}${name}`, 'utf8');

const MAYA = '14155550101';
const LUC = '14155550102';
const ANA = '34612345678';
const JOAO = '5511912345678';

let db: TestDatabase;
let stack: Stack;

beforeAll(async () => {
  db = await openTestDatabase('postgres');
  stack = await startStack({ store: 'redis', db: db.sql });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await db?.drop();
});

async function until(check: () => Promise<boolean>, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('imports the example contacts, saves the segment, runs the cart reminder campaign and counts the results', async () => {
  const fields = await stack.api('PUT', '/api/contact-fields', {
    fields: [
      { key: 'cart_id', label: 'Cart id', type: 'text' },
      { key: 'item_count', label: 'Items in the cart', type: 'number' },
      { key: 'cart_total', label: 'Cart total', type: 'number' },
    ],
  });
  expect(fields.status, JSON.stringify(fields.body)).toBe(200);

  const map = {
    phone: 'phone',
    name: 'name',
    language: 'language',
    tags: 'tags',
    cart_id: 'fields.cart_id',
    item_count: 'fields.item_count',
    cart_total: 'fields.cart_total',
    marketing_consent: 'consent.marketing',
    consent_wording: 'consent.wording',
  };
  const query = new URLSearchParams({ map: JSON.stringify(map), country: 'US', file: 'contacts.csv' });
  const upload = await fetch(`${stack.runtime.url}/api/contacts/imports?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'text/csv' },
    body: example('contacts.csv'),
  });
  const started = (await upload.json()) as { id: string };
  expect(upload.status, JSON.stringify(started)).toBe(202);
  let report: { status?: string; rows?: number; created?: number; skipped?: number; problems?: unknown[] } = {};
  await until(
    async () => {
      report = (await stack.api('GET', `/api/contacts/imports/${started.id}`)).body;
      return report.status !== 'running';
    },
    20_000,
    () => `the import (${JSON.stringify(report)})`,
  );
  expect(report).toMatchObject({ status: 'done', rows: 4, created: 4, skipped: 0, problems: [] });

  const segment = await stack.api('PUT', '/api/segments/cart-abandoners', JSON.parse(example('cart-abandoners.segment.json')));
  expect(segment.status, JSON.stringify(segment.body)).toBe(201);

  const campaign = { ...JSON.parse(example('cart-reminder.campaign.json')), schedule: { type: 'now' } };
  const created = await stack.api('POST', '/api/campaigns', campaign);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const checklist = (await stack.api('GET', '/api/campaigns/cart-reminder/checklist')).body;
  expect(checklist).toMatchObject({ audience: 2, consented: 2, canLaunch: true });
  const launched = await stack.api('POST', '/api/campaigns/cart-reminder/launch');
  expect(launched.status, JSON.stringify(launched.body)).toBe(200);

  let results: {
    status?: string;
    totals?: Record<string, number>;
    variants?: Record<string, Record<string, number>>;
  } = {};
  await until(
    async () => {
      results = (await stack.api('GET', '/api/campaigns/cart-reminder/results')).body;
      return results.status === 'completed' && results.totals?.sent === 2;
    },
    30_000,
    () => `the campaign to complete (${JSON.stringify(results)})`,
  );
  const counts = stack.graph.countsByRecipient();
  expect(Object.fromEntries([MAYA, LUC, ANA, JOAO].map((n) => [n, counts.get(n) ?? 0]))).toEqual({
    [MAYA]: 1,
    [LUC]: 1,
    [ANA]: 0,
    [JOAO]: 0,
  });
  // The flow variant fills the reminder from the contact's custom fields; the check-in variant greets by name.
  for (const [number, cart] of [
    [MAYA, 'abc123'],
    [LUC, 'def456'],
  ] as const) {
    const body = JSON.stringify(stack.graph.sendsTo(number)[0]!.body);
    if (body.includes('"cart_reminder"')) expect(body).toContain(cart);
    else expect(body).toContain('re_engagement');
  }
  expect(results.totals).toMatchObject({ audience: 2, suppressed: 0, pending: 0, queued: 0, failed: 0, sent: 2 });
  const variants = Object.values(results.variants ?? {});
  expect(variants.reduce((n, v) => n + (v.audience ?? 0), 0)).toBe(2);
  expect(variants.reduce((n, v) => n + (v.sent ?? 0), 0)).toBe(2);
}, 120_000);
