/**
 * The Templates page against the real runtime and the real fake Graph API, in Chromium at
 * 1280×800: open Templates from the flow list, see the status badges, make the body too long
 * (counter over 1024 and the validator's error under the field), fix it, save (the file on disk
 * changes), submit (pending at Meta), and the fake approves it: the badge turns without a reload.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startFakeGraph, type FakeGraph, type FakeGraphOptions } from '../fake-graph';
import { ARTIFACTS, launchChromium, snap, watchErrors } from './support/browser';
import { ensureStudioBuilt, REPO } from './support/build';
import { launchRuntime, type LaunchedRuntime } from '@parley/runtime/testing/launch';

const SHOTS = '/tmp/shots';
const WABA = '100000000000777';
let browser: Browser;
let runtime: LaunchedRuntime;
let graph: FakeGraph;
let templatesDir: string;

beforeAll(async () => {
  await ensureStudioBuilt();
  templatesDir = mkdtempSync(join(tmpdir(), 'parley-templates-e2e-'));
  copyFileSync(join(REPO, 'templates', 'order_update.template.json'), join(templatesDir, 'order_update.template.json'));
  // The runtime's port is known only once it runs: the fake reads webhookUrl when it posts.
  const graphOptions: FakeGraphOptions = { appSecret: 'test-secret', accessToken: 'test-wa' };
  graph = await startFakeGraph(graphOptions);
  // No word vectors: this page needs no understanding, and the start stays quick on a loaded machine.
  runtime = await launchRuntime({
    adminUser: 'e2e-marketer',
    logFile: join(ARTIFACTS, 'templates-page-e2e.runtime.log'),
    env: { PARLEY_NLU_VECTORS: '0' },
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
          channels: [{ type: 'whatsapp', phoneNumberId: '100000000000001', wabaId: WABA }],
        },
      ],
    },
  });
  graphOptions.webhookUrl = `${runtime.url}/webhooks/whatsapp`;
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  await graph?.close();
  if (templatesDir) rmSync(templatesDir, { recursive: true, force: true });
});

const badge = (page: Page, scope: string, language: string) => page.locator(`${scope} .tpl-badge[data-language="${language}"]`).first();

async function shot(page: Page, name: string): Promise<void> {
  await snap(page, `templates-page-${name}`);
  await page.screenshot({ path: join(SHOTS, `templates-page-${name}.png`) });
}

describe('Templates page (real runtime, fake Graph API, Chromium)', () => {
  it('edits past the body limit, fixes, saves, submits, and sees Meta’s approval live', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript((t) => sessionStorage.setItem('parley.token', t), runtime.token);
    const page = await context.newPage();
    try {
      await editSaveSubmitApprove(page);
    } catch (e) {
      await shot(page, 'failure');
      throw e;
    } finally {
      await context.close();
    }
  }, 180_000);
});

async function editSaveSubmitApprove(page: Page): Promise<void> {
  const errors = watchErrors(page);
  page.on('dialog', (d) => {
    errors.push(`browser ${d.type()} dialog`);
    void d.dismiss();
  });

  // Open Templates from the studio's navigation; every language starts not submitted.
  await page.goto(`${runtime.url}/studio/`);
  await page.getByRole('navigation', { name: 'Studio sections' }).getByRole('link', { name: 'Templates' }).click();
  const row = 'tr[data-template="order_update"]';
  await page.locator(row).waitFor();
  await expect.poll(() => badge(page, row, 'en').getAttribute('data-status')).toBe('not_submitted');
  await expect.poll(() => badge(page, row, 'es').getAttribute('data-status')).toBe('not_submitted');
  await expect(page.locator(row).textContent()).resolves.toContain('Utility');
  await page.getByText('Status updates live').waitFor();
  await shot(page, '01-list');

  // Past 1,024 characters: the counter turns red and the validator's error sits under the body.
  await page.locator(row).getByRole('button', { name: 'order_update' }).click();
  const body = page.getByLabel('Body', { exact: true });
  await body.waitFor();
  const field = page.locator('.tpl-field', { has: body });
  const original = await body.inputValue();
  const tooLong = `${original} ${'We pack every order with care and send it the same day. '.repeat(17)}Thanks for shopping!`;
  expect(tooLong.length).toBeGreaterThan(1024);
  await body.fill(tooLong);
  await expect.poll(() => field.locator('.counter').textContent()).toContain(`${tooLong.length}/1024`);
  await expect(field.locator('.counter').getAttribute('class')).resolves.toContain('over');
  await expect(body.getAttribute('aria-invalid')).resolves.toBe('true');
  await expect.poll(() => field.locator('.field-issues .error').count()).toBeGreaterThan(0);
  await expect(field.locator('.field-issues .error').first().textContent()).resolves.toMatch(/1,?024/);
  await expect(page.getByRole('button', { name: 'Submit to Meta' }).isDisabled()).resolves.toBe(true);
  await shot(page, '02-body-too-long');

  // Fix it and save: the file on disk has the new body.
  const fixed = `${original} Track it any time.`;
  await body.fill(fixed);
  await expect.poll(() => field.locator('.field-issues').count()).toBe(0);
  await expect(field.locator('.counter').getAttribute('class')).resolves.not.toContain('over');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.banner.ok').filter({ hasText: 'Saved.' }).waitFor();
  const bodyOnDisk = () =>
    (JSON.parse(readFileSync(join(templatesDir, 'order_update.template.json'), 'utf8')) as { languages: { en: { body: string } } })
      .languages.en.body;
  expect(bodyOnDisk()).toBe(fixed);
  await expect(page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).resolves.toBe(true);
  await expect(page.locator('.wa-preview .wa-body').textContent()).resolves.toContain('Track it any time.');

  // Submit: Meta (the fake) has it, pending review.
  await page.evaluate(() => ((window as Window & { sameDocument?: boolean }).sameDocument = true));
  await page.getByRole('button', { name: 'Submit to Meta' }).click();
  await page.locator('.banner.ok').filter({ hasText: 'to Meta for review' }).waitFor();
  await expect.poll(() => badge(page, '.toolbar', 'en').getAttribute('data-status')).toBe('pending');
  await expect.poll(() => badge(page, '.toolbar', 'es').getAttribute('data-status')).toBe('pending');
  await expect(page.getByRole('button', { name: 'Submit to Meta' }).isDisabled()).resolves.toBe(true);
  await shot(page, '03-submitted-pending');

  // Meta approves English: the signed webhook reaches the runtime, the stream the page.
  await graph.approveTemplate('order_update', 'en');
  await expect.poll(() => badge(page, '.toolbar', 'en').getAttribute('data-status'), { timeout: 20_000 }).toBe('approved');
  await expect(badge(page, '.toolbar', 'es').getAttribute('data-status')).resolves.toBe('pending');
  await expect(page.evaluate(() => (window as Window & { sameDocument?: boolean }).sameDocument)).resolves.toBe(true);
  await shot(page, '04-approved-live');

  // Back on the list the row says the same.
  await page.getByRole('button', { name: 'All templates' }).click();
  await expect.poll(() => badge(page, row, 'en').getAttribute('data-status')).toBe('approved');
  expect(errors).toEqual([]);
}
