/**
 * The flow list against the real runtime at 1280×720: the live version at a
 * glance, search, duplicate, rename and delete confirmed in the studio's
 * dialogs, unpublish, and delete refused (disabled, with the reason) while a
 * flow is live or called by another flow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, snap, watchErrors } from './support/browser';
import { ensureStudioBuilt } from './support/build';
import { startRuntime, type RunningRuntime } from './support/runtime';

let browser: Browser;
let runtime: RunningRuntime;

beforeAll(async () => {
  await ensureStudioBuilt();
  // support-faq calls order-status as a subflow.
  runtime = await startRuntime({ flows: ['order-status', 'support-faq'], logName: 'flow-list-e2e' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const row = (page: Page, id: string) => page.locator(`tr[data-flow="${id}"]`);

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${runtime.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${runtime.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : null,
  });
}

describe('flow list (real runtime, Chromium)', () => {
  it('shows what is live, searches, duplicates, renames, unpublishes and deletes with confirmation', async () => {
    expect((await api('POST', '/flows/order-status/publish', { summary: 'e2e' })).ok).toBe(true);
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript((t) => sessionStorage.setItem('parley.token', t), runtime.token);
    const page = await context.newPage();
    const errors = watchErrors(page);
    page.on('dialog', (d) => {
      errors.push(`browser ${d.type()} dialog`);
      void d.dismiss();
    });
    await page.goto(`${runtime.url}/studio/`);
    await row(page, 'order-status').waitFor();

    // Live at a glance; delete is refused while live, with the reason on the row.
    await expect(row(page, 'order-status').locator('.flow-status').textContent()).resolves.toMatch(/^Live v\d+$/);
    await expect(row(page, 'order-status').getByRole('button', { name: 'Delete Order status' }).isDisabled()).resolves.toBe(true);
    await expect(row(page, 'order-status').textContent()).resolves.toContain('unpublish it first');

    // Search by name or id.
    await page.getByLabel('Search flows by name or id').fill('faq');
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    await page.getByLabel('Search flows by name or id').fill('');

    // Duplicate: a draft copy.
    await row(page, 'support-faq')
      .getByRole('button', { name: /^Duplicate / })
      .click();
    await page.getByLabel('Name of the copy').fill('Help desk');
    await page.getByRole('button', { name: 'Duplicate', exact: true }).click();
    await row(page, 'help-desk').waitFor();
    await expect(row(page, 'help-desk').locator('.flow-status').textContent()).resolves.toBe('Draft — not published');

    // Rename it.
    await row(page, 'help-desk').getByRole('button', { name: 'Rename Help desk' }).click();
    await page.getByLabel('New name').fill('Help desk (spring)');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await row(page, 'help-desk').getByRole('button', { name: 'Help desk (spring)', exact: true }).waitFor();
    await snap(page, 'flow-list-01-after-duplicate-rename');

    // Delete asks first; keeping it changes nothing.
    await row(page, 'help-desk')
      .getByRole('button', { name: /^Delete / })
      .click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Keep it' }).click();
    await expect(row(page, 'help-desk').count()).resolves.toBe(1);
    await row(page, 'help-desk')
      .getByRole('button', { name: /^Delete / })
      .click();
    await page.getByRole('button', { name: 'Delete the flow' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted' }).waitFor();
    await expect.poll(() => row(page, 'help-desk').count()).toBe(0);

    // Unpublish order-status: it is a draft now, but support-faq still calls it, so delete stays refused.
    await row(page, 'order-status').getByRole('button', { name: 'Unpublish Order status' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Unpublish' }).click();
    await expect.poll(() => row(page, 'order-status').locator('.flow-status').textContent()).toBe('Draft — not published');
    await expect(row(page, 'order-status').getByRole('button', { name: 'Delete Order status' }).isDisabled()).resolves.toBe(true);
    await expect(row(page, 'order-status').textContent()).resolves.toContain('Called by: support-faq');
    await snap(page, 'flow-list-02-unpublished-called-by');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
