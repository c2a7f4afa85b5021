/**
 * The Campaigns page against the real runtime (the real PostgreSQL server, memory stores) and the fake
 * Graph API, in Chromium at 1280×800. Seeded through the API: a marketing template submitted and
 * approved by the fake, 12 VIP contacts of whom 10 opted in to marketing, and a "VIP customers"
 * segment. In the page: a new campaign with two template variants (form problems first), the live
 * audience count, the checklist, launch with its confirmation, progress to completed, and the
 * funnel per variant. The fake Graph API must have messaged each opted-in contact exactly once.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_PHONE_NUMBER_ID, startFakeGraph, type FakeGraph, type FakeGraphOptions } from '../fake-graph';
import { ARTIFACTS, launchChromium, snap, watchErrors } from './support/browser';
import { ensureStudioBuilt, REPO } from './support/build';
import { launchRuntime, type LaunchedRuntime } from '@parley/runtime/testing/launch';
import { openTestDatabase, testPostgresUrl, type TestDatabase } from '../../runtime/src/db/testing';

const SHOTS = '/tmp/shots';
const WABA = '100000000000888';
const TEMPLATE = 're_engagement';
const OPTED_IN = 10;
const NOT_OPTED_IN = 2;
const numberOf = (n: number) => `+346123456${String(n).padStart(2, '0')}`;

let browser: Browser;
let runtime: LaunchedRuntime;
let graph: FakeGraph;
let templatesDir: string;
let database: TestDatabase;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${runtime.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${runtime.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → HTTP ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

beforeAll(async () => {
  await ensureStudioBuilt();
  templatesDir = mkdtempSync(join(tmpdir(), 'parley-campaigns-e2e-'));
  copyFileSync(join(REPO, 'templates', `${TEMPLATE}.template.json`), join(templatesDir, `${TEMPLATE}.template.json`));
  const graphOptions: FakeGraphOptions = {
    appSecret: 'test-secret',
    accessToken: 'test-wa',
    autoApproveTemplates: true,
    autoStatuses: ['delivered', 'read'],
  };
  graph = await startFakeGraph(graphOptions);
  // The real server in a schema of its own: embedded PGlite boots its WebAssembly for tens of
  // seconds on a loaded machine.
  database = await openTestDatabase('postgres');
  const databaseUrl = new URL(testPostgresUrl());
  databaseUrl.searchParams.set('options', `-c search_path=${database.schema}`);
  runtime = await launchRuntime({
    adminUser: 'e2e-marketer',
    logFile: join(ARTIFACTS, 'campaigns-page-e2e.runtime.log'),
    startTimeoutMs: 120_000,
    env: { PARLEY_NLU_VECTORS: '0', DATABASE_URL: databaseUrl.toString() },
    config: {
      graph: { baseUrl: graph.url, version: 'v23.0' },
      templatesDir,
      templates: { syncIntervalSec: 0 },
      tenants: [
        {
          id: 'test',
          appSecretEnv: 'TEST_APP_SECRET',
          verifyTokenEnv: 'TEST_VERIFY_TOKEN',
          accessTokenEnv: 'TEST_WA_TOKEN',
          // The fake's own number: its delivered / read statuses name it, and the runtime routes them by it.
          channels: [{ type: 'whatsapp', phoneNumberId: DEFAULT_PHONE_NUMBER_ID, wabaId: WABA, ratePerSecond: 10 }],
        },
      ],
    },
  });
  graphOptions.webhookUrl = `${runtime.url}/webhooks/whatsapp`;
  await seed();
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  await graph?.close();
  await database?.drop();
  if (templatesDir) rmSync(templatesDir, { recursive: true, force: true });
});

/** The template approved at Meta, the contacts (10 opted in, 2 not), the segment. */
async function seed(): Promise<void> {
  await call('POST', `/templates/${TEMPLATE}/submit`);
  type Listing = { templates: Array<{ name: string; languages: Array<{ language: string; status: string }> }> };
  const statusOf = async () => (await call<Listing>('GET', '/templates')).templates.find((t) => t.name === TEMPLATE)?.languages[0]?.status;
  // expect.poll belongs to tests: the fake approves on its own and the webhook lands in a moment. On a
  // loaded machine that one webhook can time out (the fake does not retry, Meta would): approve again.
  const started = Date.now();
  let nudged = false;
  while ((await statusOf()) !== 'approved') {
    if (Date.now() - started > 60_000) throw new Error(`${TEMPLATE} was not approved within 60 s (status ${await statusOf()})`);
    if (!nudged && Date.now() - started > 5_000) {
      nudged = true;
      for (const language of ['en', 'es']) await graph.approveTemplate(TEMPLATE, language).catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  for (let n = 0; n < OPTED_IN + NOT_OPTED_IN; n++) {
    const { contact } = await call<{ contact: { id: string } }>('POST', '/contacts', {
      channel: 'whatsapp',
      address: numberOf(n),
      name: `Customer ${n}`,
      language: 'en',
      tags: ['vip'],
    });
    if (n < OPTED_IN)
      await call('POST', `/contacts/${contact.id}/consent`, {
        purpose: 'marketing',
        action: 'opt_in',
        wording: 'Yes, send me offers on WhatsApp',
      });
  }
  await call('PUT', '/segments/vips', {
    name: 'VIP customers',
    filter: { match: 'all', conditions: [{ field: 'tags', op: 'has_tag', value: 'vip' }] },
  });
}

async function shot(page: Page, name: string): Promise<void> {
  await snap(page, `campaigns-page-${name}`);
  await page.screenshot({ path: join(SHOTS, `campaigns-page-${name}.png`), fullPage: true });
}

describe('Campaigns page (real runtime, fake Graph API, Chromium)', () => {
  it('creates a two-variant campaign, launches it past the checklist, watches it complete and reads the funnel', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript((t) => sessionStorage.setItem('parley.token', t), runtime.token);
    const page = await context.newPage();
    try {
      await createLaunchWatch(page);
    } catch (e) {
      await shot(page, 'failure');
      throw e;
    } finally {
      await context.close();
    }
  }, 240_000);
});

async function createLaunchWatch(page: Page): Promise<void> {
  const errors = watchErrors(page);
  page.on('dialog', (d) => {
    errors.push(`browser ${d.type()} dialog`);
    void d.dismiss();
  });

  await page.goto(`${runtime.url}/studio/`);
  await page.getByRole('navigation', { name: 'Studio sections' }).getByRole('link', { name: 'Campaigns' }).click();
  await page.getByText('No campaigns yet.').waitFor();
  await page.getByRole('button', { name: 'New campaign' }).click();

  // Saving an empty form says what is missing, field by field.
  await page.getByRole('button', { name: 'Create draft' }).click();
  await page.getByRole('alert').filter({ hasText: 'Not saved:' }).waitFor();
  await expect(page.locator('.field', { has: page.getByLabel('Name', { exact: true }) }).textContent()).resolves.toContain(
    'Give the campaign a name.',
  );
  await shot(page, '01-form-problems');

  await page.getByLabel('Name', { exact: true }).fill('VIP spring offer');
  await expect(page.getByLabel('Id', { exact: true }).inputValue()).resolves.toBe('vip-spring-offer');
  await page.getByLabel('Segment').selectOption('vips');
  await expect
    .poll(() => page.locator('.cmp-audience').textContent())
    .toMatch(new RegExp(`${OPTED_IN + NOT_OPTED_IN} contacts match; ${OPTED_IN} can receive marketing`));

  // Variant a: the template with the contact's name; variant b: the same template, a fixed greeting.
  const variant = (id: string) => page.locator(`fieldset[data-variant="${id}"]`);
  await variant('a').getByLabel('Template', { exact: true }).selectOption(TEMPLATE);
  await variant('a').getByLabel('first_name (optional)').fill('{{contact.name}}');
  await page.getByRole('button', { name: 'Add variant' }).click();
  await variant('b').getByLabel('Template', { exact: true }).selectOption(TEMPLATE);
  await variant('b').getByLabel('first_name (optional)').fill('friend');
  await expect(variant('b').locator('legend').first().textContent()).resolves.toContain('50 % of the audience');
  await page.getByLabel('A business event').check();
  await page.getByLabel('Event name').fill('order.placed');
  await shot(page, '02-form-filled');
  await page.getByRole('button', { name: 'Create draft' }).click();

  // The saved draft: the checklist with the audience and the duration at the campaign's rate.
  await page.waitForURL(/#\/campaigns\/vip-spring-offer$/);
  const checklist = page.locator('.cmp-launch');
  await checklist.locator('.cmp-check').first().waitFor();
  await expect(checklist.locator('.cmp-check[data-level="error"]').count()).resolves.toBe(0);
  await expect(checklist.textContent()).resolves.toContain(`${OPTED_IN}`);
  await page.getByText("Uses 50 % of the number's 10 msg/s (5 msg/s)").waitFor();
  await shot(page, '03-checklist');

  const launch = page.getByRole('button', { name: 'Launch', exact: true });
  await expect.poll(() => launch.isEnabled()).toBe(true);
  await launch.click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.textContent()).resolves.toContain(`of whom ${OPTED_IN} can receive marketing`);
  await shot(page, '04-confirm');
  await dialog.getByRole('button', { name: `Launch to ${OPTED_IN} contacts` }).click();

  // Live progress until the runtime completes it; then the funnel per variant.
  await page.getByRole('progressbar', { name: 'Contacts handled' }).waitFor();
  await shot(page, '05-running');
  const status = page.locator('.cmp-detail-head [data-status]');
  await expect.poll(() => status.getAttribute('data-status'), { timeout: 90_000 }).toBe('completed');
  const funnel = page.getByRole('table', { name: 'Funnel per variant' });
  const totalOf = async (stage: string) =>
    (
      await funnel
        .locator('tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${stage}$`) }) })
        .locator('td')
        .last()
        .textContent()
    )
      ?.split(' ')[0]
      ?.replace(/,/g, '');
  await expect.poll(() => totalOf('Sent'), { timeout: 30_000 }).toBe(String(OPTED_IN));
  await expect(totalOf('Audience')).resolves.toBe(String(OPTED_IN + NOT_OPTED_IN));
  await expect(totalOf('Suppressed')).resolves.toBe(String(NOT_OPTED_IN));
  await expect(totalOf('No marketing opt-in')).resolves.toBe(String(NOT_OPTED_IN));
  await expect.poll(() => totalOf('Delivered'), { timeout: 30_000 }).toBe(String(OPTED_IN));
  await expect(page.getByText(/Not enough data yet/).count()).resolves.toBe(1);
  await shot(page, '06-results');

  // Each opted-in contact got exactly one message, the others none.
  const counts = graph.countsByRecipient();
  for (let n = 0; n < OPTED_IN + NOT_OPTED_IN; n++) expect(counts.get(numberOf(n).slice(1)) ?? 0).toBe(n < OPTED_IN ? 1 : 0);

  // The list shows it completed with its counts.
  await page.getByRole('button', { name: 'All campaigns' }).click();
  const row = page.locator('tr[data-campaign="vip-spring-offer"]');
  await expect.poll(() => row.locator('[data-status]').getAttribute('data-status')).toBe('completed');
  await expect.poll(() => row.locator('td.num').first().textContent()).toBe(String(OPTED_IN));
  await shot(page, '07-list');
  expect(errors).toEqual([]);
}
