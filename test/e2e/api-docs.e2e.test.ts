/**
 * /docs in Debian's Chromium under the runtime's security headers: Swagger UI loads from this
 * origin only, asks for the description with the studio's token, and lists the API's
 * operations, with no Content-Security-Policy violation.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, snap, watchErrors } from './support/browser';
import { startRuntime, type RunningRuntime } from './support/runtime';

let browser: Browser;
let runtime: RunningRuntime;

beforeAll(async () => {
  runtime = await startRuntime({ flows: ['order-status'], logName: 'api-docs' });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

it('renders the API description at /docs with the signed-in token, every request from this origin', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const violations: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(runtime.url) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  // As after signing in to the studio in this tab: its token is in sessionStorage.
  await page.addInitScript((token) => window.sessionStorage.setItem('parley.token', token), runtime.token);
  await page.goto(`${runtime.url}/docs/`);
  await page.locator('.opblock-summary-path', { hasText: '/api/flows/{id}' }).first().waitFor({ timeout: 30_000 });
  const paths = await page.locator('.opblock-summary-path').allInnerTexts();
  for (const path of ['/api/flows', '/api/simulator/sessions', '/api/handoffs', '/api/nlu/try', '/api/dead-letters']) {
    expect(paths.map((p) => p.replace(/\u200b/g, ''))).toContain(path);
  }
  await snap(page, 'api-docs');
  expect(violations).toEqual([]);
  expect(foreign).toEqual([]);
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
}, 120_000);
