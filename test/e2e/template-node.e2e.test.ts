/**
 * The template node in the studio, served by the real runtime with real template files and the
 * fake Graph API (t11): one template is submitted and approved through Meta's side (a signed
 * webhook), the other never was. A marketer opens a flow a developer wrote, sees the unknown
 * parameter flagged on the node, removes it, maps the parameters with autocomplete, sees the
 * message previewed with the flow's values, swaps to the approved template and back, and publishes:
 * refused for the unapproved template, then forced with a reason the history keeps. The chat
 * preview shows the 24-hour window and the "24 h later" switch. Every wait is on what the page or
 * the API shows, never on a fixed time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Flow, FlowLayout } from '@parley/flow';
import { launchRuntime, type LaunchedRuntime } from '@parley/runtime/testing/launch';
import { startFakeGraph, type FakeGraph } from '../fake-graph';
import { ARTIFACTS, launchChromium, watchErrors } from './support/browser';
import { ensureStudioBuilt, REPO } from './support/build';
import { node, openFlow, selectNode } from './support/canvas';

const SHOTS = process.env.PARLEY_SHOTS_DIR ?? ARTIFACTS;
const WABA = '200000000000001';
const APP_SECRET = 'test-secret';
const WA_TOKEN = 'test-wa';

let browser: Browser;
let runtime: LaunchedRuntime;
let graph: FakeGraph;
/** The fake Graph API needs the webhook URL before the runtime (and its port) exists: it posts here, we forward. */
let relay: Server;
let relayTarget = '';
let templatesDir: string;
let context: BrowserContext;
let page: Page;
let errors: string[];

const flow: Flow = {
  id: 'cart-nudge',
  name: 'Cart nudge',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'nudge',
  variables: {
    first_name: { type: 'string', default: 'Ada' },
    item_count: { type: 'number', default: 3 },
    cart_total: { type: 'number', default: 129.9 },
    cart_id: { type: 'string', default: 'abc123' },
  },
  nodes: [
    // Written by a developer: `coupon` is not a parameter of cart_reminder.
    {
      id: 'nudge',
      type: 'template',
      name: 'cart_reminder',
      language: 'en',
      values: { first_name: '{{first_name}}', coupon: 'SAVE10' },
      exits: { next: 'done' },
    },
    { id: 'done', type: 'end' },
  ],
};
const layout: FlowLayout = { flowId: 'cart-nudge', positions: { nudge: { x: 0, y: 0 }, done: { x: 420, y: 0 } } };

/** Asks, and when nobody answers, nudges in free text and with the approved template. */
const windowFlow: Flow = {
  id: 'window-demo',
  name: 'Window demo',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'ask_name',
  variables: { name: { type: 'string', default: 'Ada' } },
  nodes: [
    {
      id: 'ask_name',
      type: 'ask',
      prompt: 'What is your name?',
      expect: 'text',
      saveAs: 'name',
      timeout: '1d',
      exits: { next: 'done', timeout: 'still_there' },
    },
    { id: 'still_there', type: 'message', text: 'Still there? Your cart is waiting.', exits: { next: 'shipped' } },
    {
      id: 'shipped',
      type: 'template',
      name: 'order_update',
      language: 'en',
      values: { first_name: '{{name}}', order_id: '123456', carrier: 'DHL', eta: '2026-03-14', tracking_code: 'JD014600003SE' },
      exits: { next: 'done', failed: 'done' },
    },
    { id: 'done', type: 'end' },
  ],
};
const windowLayout: FlowLayout = {
  flowId: 'window-demo',
  positions: { ask_name: { x: 0, y: 0 }, still_there: { x: 380, y: 0 }, shipped: { x: 760, y: 0 }, done: { x: 1140, y: 0 } },
};

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${runtime.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${runtime.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function shot(name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

beforeAll(async () => {
  const dist = ensureStudioBuilt();
  templatesDir = mkdtempSync(join(tmpdir(), 'parley-e2e-templates-'));
  for (const name of ['cart_reminder', 'order_update']) {
    copyFileSync(join(REPO, 'templates', `${name}.template.json`), join(templatesDir, `${name}.template.json`));
  }
  relay = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
      delete headers.host;
      delete headers['content-length'];
      fetch(`${relayTarget}${req.url ?? ''}`, { method: req.method, headers, body: Buffer.concat(chunks) }).then(
        async (answer) => {
          res.statusCode = answer.status;
          res.end(await answer.text());
        },
        (e: Error) => {
          res.statusCode = 502;
          res.end(e.message);
        },
      );
    });
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
  const relayUrl = `http://127.0.0.1:${(relay.address() as { port: number }).port}/webhooks/whatsapp`;
  graph = await startFakeGraph({ appSecret: APP_SECRET, accessToken: WA_TOKEN, webhookUrl: relayUrl });
  runtime = await launchRuntime({
    adminUser: 'e2e-marketer',
    // No word vectors: the flows here need no language understanding, and the start is seconds faster on a loaded machine.
    env: { PARLEY_NLU_VECTORS: '0' },
    logFile: join(ARTIFACTS, 'template-node.runtime.log'),
    config: {
      templatesDir,
      templates: { syncIntervalSec: 0 },
      graph: { baseUrl: graph.url, version: 'v23.0' },
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
  relayTarget = runtime.url;
  await dist;
  browser = await launchChromium();

  // Meta's side: order_update is submitted and approved in English (a signed webhook tells the runtime).
  const submitted = await api<{ results: Array<{ language: string; action: string }> }>('POST', '/templates/order_update/submit');
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const deliveries = await graph.approveTemplate('order_update', 'en');
  expect(deliveries.map((d) => d.status)).toEqual([200]);
  // The webhook is applied as it arrives; wait for the list to say so (bounded, on state, not on time).
  for (let tries = 0; ; tries++) {
    const list = await api<{ templates: Array<{ name: string; languages: Array<{ language: string; status: string }> }> }>(
      'GET',
      '/templates',
    );
    const status = list.body.templates.find((t) => t.name === 'order_update')?.languages.find((l) => l.language === 'en')?.status;
    if (status === 'approved') break;
    if (tries > 100) throw new Error(`order_update en is ${status} after the APPROVED webhook: ${JSON.stringify(list.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const [f, l] of [
    [flow, layout],
    [windowFlow, windowLayout],
  ] as const) {
    const created = await api('POST', '/flows', { flow: f, layout: l });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  await graph?.close();
  await new Promise((r) => relay?.close(r));
  if (templatesDir) rmSync(templatesDir, { recursive: true, force: true });
});

afterEach(async () => {
  expect(errors, 'the studio threw in the page').toEqual([]);
  await context?.close();
});

async function newPage(): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript((t) => sessionStorage.setItem('parley.token', t), runtime.token);
  page = await context.newPage();
  errors = watchErrors(page);
  page.on('dialog', (d) => {
    errors.push(`unexpected browser ${d.type()} dialog: ${d.message()}`);
    void d.dismiss();
  });
  onTestFailed(async ({ task }) => {
    if (!page.isClosed()) await shot(`FAILED-template-node-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  return page;
}

const problems = () => page.locator('.problems');

describe('template node in the studio (Chromium, real runtime, fake Graph API)', () => {
  it('flags the unknown parameter live, maps parameters, previews, publishes only when forced with a reason, follows Meta live', async () => {
    await newPage();
    await openFlow(page, `${runtime.url}/studio/`, 'cart-nudge');

    // The catalogue came from GET /api/templates: the developer's unknown parameter is an error on the node.
    const badge = node(page, 'nudge').locator('.badge-error');
    await badge.waitFor();
    await problems()
      .getByText(/coupon/)
      .first()
      .waitFor();
    await selectNode(page, 'nudge');
    const inspector = page.locator('.inspector');
    const picker = inspector.getByLabel(/^Template/);
    await expect(picker.locator('optgroup').evaluateAll((gs) => gs.map((g) => (g as HTMLOptGroupElement).label))).resolves.toEqual([
      'Approved',
      'Not approved yet',
    ]);
    await expect(picker.locator('optgroup[label="Approved"] option').allTextContents()).resolves.toEqual([
      'order_update (en approved, es pending)',
    ]);
    await inspector.getByText('this template has no such parameter').waitFor();
    await shot('template-node-01-unknown-parameter');

    await inspector.getByRole('button', { name: 'Remove parameter coupon' }).click();
    await expect
      .poll(() =>
        problems()
          .getByText(/coupon/)
          .count(),
      )
      .toBe(0);

    // Map the required parameters with the {{ autocomplete.
    const row = (name: string) => inspector.getByRole('group', { name: 'Parameters' }).getByLabel(new RegExp(`^${name}\\b`));
    await row('item_count').fill('{{item');
    await page.getByRole('option', { name: '{{item_count}}' }).waitFor();
    await page.keyboard.press('Enter');
    await expect(row('item_count').inputValue()).resolves.toBe('{{item_count}}');
    await row('cart_total').fill('{{cart_total}}');
    await row('cart_id').fill('{{cart_id}}');
    const preview = inspector.getByRole('figure', { name: 'cart_reminder (en)' });
    await expect.poll(() => preview.textContent()).toContain('Hi Ada, you left 3 items ($129.90) in your cart.');
    await expect.poll(() => page.locator('.problems summary').textContent()).toMatch(/Problems: 0 errors/);
    await expect.poll(() => badge.count()).toBe(0);
    await shot('template-node-02-mapped-preview');

    // Swap to the approved template and back: shared mappings stay, the status line follows.
    await picker.selectOption('order_update');
    await inspector.getByText('Approved by WhatsApp: it can be sent.').waitFor();
    await expect(row('first_name').inputValue()).resolves.toBe('{{first_name}}');
    await picker.selectOption('cart_reminder');
    await inspector.getByText(/Status: not submitted/).waitFor();
    for (const [name, value] of [
      ['item_count', '{{item_count}}'],
      ['cart_total', '{{cart_total}}'],
      ['cart_id', '{{cart_id}}'],
    ] as const)
      await row(name).fill(value);
    await expect.poll(() => page.locator('.problems summary').textContent()).toMatch(/Problems: 0 errors/);

    // Publish: refused for the unapproved template, then forced with a reason.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const ask = page.getByRole('dialog', { name: 'Publish this flow' });
    await ask.getByLabel('What changed?').fill('Cart nudge with the new template');
    await ask.getByRole('button', { name: 'Publish' }).click();
    const refused = page.getByRole('dialog', { name: 'Templates not approved' });
    await refused.waitFor();
    await expect(refused.locator('tbody tr').allTextContents()).resolves.toEqual(['cart_reminderennot submitted']);
    await refused.getByRole('button', { name: 'Publish anyway' }).click();
    await refused.getByText('Say why this cannot wait for the approval.').waitFor();
    await refused.getByLabel('Reason for publishing anyway').fill('Black Friday starts tonight; approval is pending');
    await shot('template-node-03-publish-refused');
    await refused.getByRole('button', { name: 'Publish anyway' }).click();
    await page.getByText(/Published version 1 although templates are not approved/).waitFor();

    // Meta approves the Spanish version: the status stream updates the picker without a reload.
    await graph.approveTemplate('order_update', 'es');
    await expect.poll(() => picker.locator('optgroup[label="Approved"] option').allTextContents()).toEqual(['order_update']);

    const versions = await api<
      Array<{ version: number; forced?: { reason: string; templates: Array<{ name: string; language: string }> } }>
    >('GET', '/flows/cart-nudge/versions');
    expect(versions.body[0]?.forced).toMatchObject({
      reason: 'Black Friday starts tonight; approval is pending',
      templates: [{ name: 'cart_reminder', language: 'en' }],
    });
  }, 120_000);

  it('shows the 24-hour window in the chat preview; 24 h later free-form messages are not sent, templates go', async () => {
    await newPage();
    await openFlow(page, `${runtime.url}/studio/`, 'window-demo');
    await page.getByRole('button', { name: 'Preview' }).click();
    const panel = page.getByRole('region', { name: 'Preview chat' });
    await panel.getByText('What is your name?').waitFor();
    await panel.getByText(/24-hour window closed: the customer has not written yet/).waitFor();
    await panel.getByLabel('Message').fill('hi');
    await panel.getByRole('button', { name: 'Send' }).click();
    await panel.getByText(/24-hour window open until (\S+ )?\d\d:\d\d/).waitFor();
    await panel.getByRole('button', { name: 'Restart' }).click();
    await panel.getByText('What is your name?').waitFor();

    // A day of silence: the ask times out, the flow nudges in free text (held back) and with the template (sent).
    await panel.getByRole('switch', { name: '24 h later' }).check();
    await panel.getByText('24-hour window closed — only templates go').waitFor();
    await panel.getByRole('button', { name: 'Fire timeout' }).click();
    const held = panel.locator('.turn.bot', { hasText: 'Still there? Your cart is waiting.' });
    await held.waitFor();
    await expect(held.getAttribute('class')).resolves.toContain('not-sent');
    await expect(held.textContent()).resolves.toMatch(/Not sent: the 24-hour window is closed/);
    const template = panel.locator('.turn.bot', { hasText: 'order_update' });
    await template.waitFor();
    await expect(template.getAttribute('class')).resolves.not.toContain('not-sent');
    await shot('template-node-04-preview-window');
  }, 120_000);
});
