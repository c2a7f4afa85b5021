/**
 * The Contacts page against the real runtime (in-memory PGlite, memory stores), in Chromium at
 * 1280×800. Seeded through the API: a "plan" custom field and one contact who wrote earlier. In
 * the page: import a CSV through the wizard (mapping guessed from the headers, the consent
 * wording required, a dry run that names the bad row, the import with its counts), see the rows in
 * the table, build a segment with a live count and save it, open an imported contact and see its
 * consent ledger (import, file and row, the wording), record an opt-out, then erase the person (back on the list, still filtered by the segment).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startFakeGraph, type FakeGraph } from '../fake-graph';
import { ARTIFACTS, launchChromium, snap, watchErrors } from './support/browser';
import { ensureStudioBuilt } from './support/build';
import { launchRuntime, type LaunchedRuntime } from '@parley/runtime/testing/launch';

const SHOTS = '/tmp/shots';
let browser: Browser;
let runtime: LaunchedRuntime;
let graph: FakeGraph;

const CSV = [
  'Mobile,Full name,Language,Tags,Marketing opt-in,Plan',
  '+351911000001,Rita Alves,pt,vip;lisbon,yes,pro',
  '+351911000002,João Silva,pt,vip,yes,free',
  '911000003,Marta Costa,pt,lisbon,no,free',
  '+351911000004,Pedro Nunes,pt,vip,no,pro',
  'not-a-phone,Nobody,en,,yes,free',
].join('\n');

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
  graph = await startFakeGraph({ appSecret: 'test-secret', accessToken: 'test-wa' });
  runtime = await launchRuntime({
    adminUser: 'e2e-marketer',
    logFile: join(ARTIFACTS, 'contacts-page-e2e.runtime.log'),
    // A loaded shared machine can take over a minute to start the runtime from source.
    startTimeoutMs: 150_000,
    env: { PARLEY_NLU_VECTORS: '0' },
    config: {
      graph: { baseUrl: graph.url, version: 'v23.0' },
      tenants: [
        {
          id: 'test',
          appSecretEnv: 'TEST_APP_SECRET',
          verifyTokenEnv: 'TEST_VERIFY_TOKEN',
          accessTokenEnv: 'TEST_WA_TOKEN',
          channels: [{ type: 'whatsapp', phoneNumberId: '100000000000001', wabaId: '100000000000999' }],
        },
      ],
    },
  });
  await call('PUT', '/contact-fields', { fields: [{ key: 'plan', label: 'Plan', type: 'choice', choices: ['free', 'pro'] }] });
  await call('POST', '/contacts', { channel: 'whatsapp', address: '+34600111222', name: 'Dan Ruiz', language: 'es', tags: ['madrid'] });
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  await graph?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  await snap(page, `contacts-page-${name}`);
  await page.screenshot({ path: join(SHOTS, `contacts-page-${name}.png`), fullPage: true });
}

describe('Contacts page (real runtime, Chromium)', () => {
  it('imports a CSV, lists it, counts a segment live, and shows a contact’s consent ledger', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript((t) => sessionStorage.setItem('parley.token', t), runtime.token);
    const page = await context.newPage();
    try {
      await importListSegmentLedger(page);
    } catch (e) {
      await shot(page, 'failure');
      throw e;
    } finally {
      await context.close();
    }
  }, 180_000);
});

async function importListSegmentLedger(page: Page): Promise<void> {
  const errors = watchErrors(page);
  page.on('dialog', (d) => {
    errors.push(`browser ${d.type()} dialog`);
    void d.dismiss();
  });
  await page.goto(`${runtime.url}/studio/`);
  await page.getByRole('navigation', { name: 'Studio sections' }).getByRole('link', { name: 'Contacts' }).click();
  await page.locator('tr[data-contact]').first().waitFor();
  await expect.poll(() => page.locator('.contacts-total').textContent()).toBe('1 contact');

  // The wizard: the file's columns guessed, the wording asked for, a dry run naming the bad row.
  await page.getByRole('button', { name: 'Import contacts' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import contacts' });
  await dialog.getByLabel('CSV file').setInputFiles({ name: 'spring-list.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await dialog.getByRole('table', { name: 'Columns' }).waitFor();
  const mappedAs = (column: string) => dialog.getByLabel(column, { exact: true }).inputValue();
  expect(await mappedAs('Mobile')).toBe('phone');
  expect(await mappedAs('Full name')).toBe('name');
  expect(await mappedAs('Tags')).toBe('tags');
  expect(await mappedAs('Marketing opt-in')).toBe('consent.marketing');
  expect(await mappedAs('Plan')).toBe('fields.plan');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('alert').textContent()).resolves.toMatch(/needs the wording people agreed to/);
  await dialog.getByLabel('Consent wording (required)').fill('Yes, send me offers on WhatsApp. Reply STOP to end.');
  await dialog.getByLabel('Country of local numbers').fill('PT');
  await shot(page, '01-import-mapping');
  await dialog.getByRole('button', { name: 'Check file' }).click();
  const check = dialog.getByRole('region', { name: 'Check report' });
  await expect.poll(() => check.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
  const problems = check.getByRole('table');
  await expect(problems.locator('tbody tr').count()).resolves.toBe(1);
  const problemCells = await problems.locator('tbody td').allTextContents();
  expect(problemCells.slice(0, 2)).toEqual(['6', 'Mobile']);
  await shot(page, '02-import-dry-run');

  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const report = dialog.getByRole('region', { name: 'Import report' });
  await expect.poll(() => report.getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
  await expect(report.getByRole('status').textContent()).resolves.toMatch(
    /^Imported 5 rows: 4 new, 0 updated, 1 skipped, 4 consents recorded\.$/,
  );
  await shot(page, '03-import-done');
  await dialog.getByRole('button', { name: 'Done' }).click();

  // The rows in the table: the local number normalized, consent badges, tags.
  await expect.poll(() => page.locator('.contacts-total').textContent()).toBe('5 contacts');
  const marta = page.locator('tr', { hasText: 'Marta Costa' });
  await expect(marta.locator('.contact-address').textContent()).resolves.toBe('+351911000003');
  await expect(page.locator('tr', { hasText: 'Rita Alves' }).locator('.consent-badge').textContent()).resolves.toBe('Opted in');
  // "no" in the consent column is recorded too: an opt-out from the import.
  await expect(marta.locator('.consent-badge').textContent()).resolves.toBe('Opted out');
  await shot(page, '04-table');

  // A segment: tagged vip, with the live count, saved and listed in the sidebar.
  await page.getByRole('button', { name: 'Filter' }).click();
  const builder = page.getByRole('region', { name: 'Filter contacts' });
  await builder.getByLabel('Kind of condition to add').selectOption('tag');
  await builder.getByRole('button', { name: 'Add condition' }).click();
  await builder.getByLabel('Condition 1: tag').fill('vip');
  await expect
    .poll(() => builder.locator('.seg-count strong').textContent(), { timeout: 10_000 })
    .toBe('3 contacts · 2 can receive marketing');
  await expect(builder.locator('.seg-count .help').textContent()).resolves.toMatch(/^Counted in [\d,]+ ms$/);
  await expect.poll(() => page.locator('.contacts-total').textContent()).toBe('3 contacts');
  await builder.getByLabel('Segment name').fill('VIP customers');
  await builder.getByRole('button', { name: 'Save as segment' }).click();
  // Saved: the builder now edits the segment (its title says so) and the sidebar lists it.
  await page.getByRole('region', { name: 'Segment: VIP customers' }).getByText('Saved “VIP customers”.').waitFor();
  await page
    .getByRole('navigation', { name: 'Segments' })
    .getByRole('button', { name: /^VIP customers/ })
    .waitFor();
  await shot(page, '05-segment');

  // Rita's record: the consent ledger names the import, its file and row, and the wording.
  await page.getByRole('button', { name: 'Rita Alves' }).click();
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/contacts\/[0-9a-f-]{36}$/);
  const consent = page.getByRole('region', { name: 'Consent' });
  const ledger = consent.getByRole('table', { name: 'Consent ledger (newest first)' });
  await ledger.waitFor();
  const first = await ledger.locator('tbody tr').first().locator('td').allTextContents();
  expect(first.slice(1, 3)).toEqual(['Marketing', 'Opted in']);
  expect(first[3]).toMatch(/^Import \(/);
  expect(first[3]).toContain('file spring-list.csv');
  expect(first[3]).toContain('row 2');
  expect(first[4]).toBe('Yes, send me offers on WhatsApp. Reply STOP to end.');
  await expect(page.getByLabel('Plan').inputValue()).resolves.toBe('pro');
  await shot(page, '06-contact');

  // An opt-out on her behalf: the ledger grows, the badge turns.
  await consent.getByLabel('Opt out').check();
  await consent.getByRole('button', { name: 'Record opt-out' }).click();
  await consent.getByText('Recorded an opt-out for marketing.').waitFor();
  await expect.poll(() => ledger.locator('tbody tr').count()).toBe(2);
  await expect(page.locator('.contact-head .consent-badge').textContent()).resolves.toBe('Opted out');
  await shot(page, '07-opted-out');

  // Erase: the dialog names her; afterwards the list, without her, and a notice.
  await page.getByRole('button', { name: 'Erase', exact: true }).click();
  const ask = page.getByRole('alertdialog', { name: 'Erase Rita Alves?' });
  await ask.getByRole('button', { name: 'Erase Rita Alves' }).click();
  await page.locator('.contacts-notice').filter({ hasText: 'Erased Rita Alves' }).waitFor();
  // The list kept its segment and reloaded: the other two VIPs remain.
  await expect(page.getByRole('heading', { name: 'VIP customers', exact: true }).isVisible()).resolves.toBe(true);
  await expect.poll(() => page.locator('.contacts-total').textContent()).toBe('2 contacts');
  await expect
    .poll(() => page.getByRole('region', { name: 'Segment: VIP customers' }).locator('.seg-count strong').textContent())
    .toBe('2 contacts · 1 can receive marketing');
  await expect.poll(() => page.locator('[data-segment="vip-customers"] .seg-item-count').textContent()).toBe(', 2 contacts');
  await expect(page.getByRole('button', { name: 'Rita Alves' }).count()).resolves.toBe(0);
  await shot(page, '08-erased');
  expect(errors).toEqual([]);
}
