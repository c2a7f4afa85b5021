/**
 * The built studio under the runtime's security headers, in Debian's Chromium: `/` leads to it,
 * signing in, the flow list, a flow on the canvas (React Flow, the validation worker, the ELK
 * layout) and the preview (SSE) run without a single Content-Security-Policy violation, and a
 * locked-out sign-in shows the server's throttle message.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, snap, watchErrors } from './support/browser';
import { ensureStudioBuilt } from './support/build';
import { openFlow } from './support/canvas';
import { startRuntime, type RunningRuntime } from './support/runtime';

let browser: Browser;
let runtime: RunningRuntime;

beforeAll(async () => {
  await ensureStudioBuilt();
  runtime = await startRuntime({ flows: ['order-status'], logName: 'studio-csp' });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

/** CSP violations as the page reports them (the event) and as Chromium logs them (the console). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];
}

it('runs the studio with no CSP violation: sign-in, flow list, canvas, preview', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const violations = await watchCsp(page);
  const main = await page.goto(`${runtime.url}/`);
  expect(page.url()).toBe(`${runtime.url}/studio/`);
  const csp = main?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");

  await page.getByLabel('Password').fill(runtime.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Order status lookup', exact: true }).waitFor();
  await openFlow(page, `${runtime.url}/studio/`, 'order-status');
  await page.locator('.react-flow__node-flow').first().waitFor();
  await page.getByRole('button', { name: /Preview/ }).click();
  await page.locator('.preview').waitFor();
  await page.waitForTimeout(1500);
  await snap(page, 'studio-csp-canvas');
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
  // The watcher does see a violation: script injected into the page is refused and reported.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.append(s);
  });
  await expect.poll(async () => (await violations()).some((v) => v.includes('script-src'))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  await context.close();
}, 120_000);

it('shows the throttle message when this address is locked after wrong passwords', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${runtime.url}/studio/`);
  await page.getByLabel('Password').fill(runtime.password);
  // Six wrong passwords from this address lock it for a second: the click below falls inside it.
  for (let i = 0; i < 6; i++) {
    const res = await fetch(`${runtime.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: `wrong-${i}` }),
    });
    expect(res.status).toBe(401);
  }
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(
    /Too many failed sign-ins from this address\. Try again in \d+ seconds?\./,
  );
  await context.close();
}, 60_000);
