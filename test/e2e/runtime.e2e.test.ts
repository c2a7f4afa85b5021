/**
 * The studio served by the real runtime, in Debian's Chromium: sign in, create
 * a flow on an empty canvas, save it (files on disk, a move touches only the
 * layout file), publish it, chat through a branch in the preview with the
 * active node highlighted, save the chat as a test, and a conflicting save.
 * A flow with web requests against a local server is previewed and saved as a
 * test that `parley test` passes at once. Every wait is on what the page shows
 * (an element, a class, a file), never on a fixed time, so load cannot break it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { diffLines, type DiffLine } from '@parley/flow';
import { launchChromium, snap, watchErrors } from './support/browser';
import { ensureStudioBuilt } from './support/build';
import { startRuntime, type RunningRuntime } from './support/runtime';
import { REPO } from './support/build';
import { addFromPalette, dragNode, focusCanvas, node, openFlow } from './support/canvas';
import { dragConnect } from './support/connect';

let browser: Browser;
let runtime: RunningRuntime;
let studio: string;
/** A local shop API for the flow's web requests: stock is answered, a reservation refused. */
let shop: Server;
let shopUrl: string;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

beforeAll(async () => {
  await ensureStudioBuilt();
  shop = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.method === 'GET' && req.url?.startsWith('/stock')) return res.end(JSON.stringify({ sku: 42, stock: 7 }));
    res.statusCode = 409;
    res.end(JSON.stringify({ error: 'sold out' }));
  });
  await new Promise<void>((r) => shop.listen(0, '127.0.0.1', () => r()));
  shopUrl = `http://127.0.0.1:${(shop.address() as { port: number }).port}`;
  // The local shop is on loopback, which flows may call only when private networks are allowed.
  runtime = await startRuntime({ flows: ['order-status'], logName: 'studio-e2e', config: { http: { allowPrivateNetworks: true } } });
  studio = `${runtime.url}/studio/`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  await new Promise((r) => shop?.close(r));
});

afterEach(async () => {
  expect(errors.splice(0), 'the studio threw in the page').toEqual([]);
  for (const c of contexts.splice(0)) await c.close();
});

async function newPage(signedIn = true): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  if (signedIn) await context.addInitScript((t) => sessionStorage.setItem('parley.token', t), runtime.token);
  const page = await context.newPage();
  const n = contexts.length;
  // A failing test leaves a screenshot of every page it had open.
  onTestFailed(async ({ task }) => {
    if (!page.isClosed()) await snap(page, `FAILED-${task.name.slice(0, 40).replace(/\W+/g, '-')}-${n}`);
  });
  const pageErrors = watchErrors(page);
  page.on('close', () => errors.push(...pageErrors));
  context.on('close', () => errors.push(...pageErrors.splice(0)));
  // The studio asks in its own dialogs; a browser dialog would be a regression.
  page.on('dialog', (d) => {
    errors.push(`unexpected browser ${d.type()} dialog: ${d.message()}`);
    void d.dismiss();
  });
  return page;
}

/** The lines that differ between two texts (removed and added), through the package's one line diff. */
function changedLines(a: string, b: string): DiffLine[] {
  return diffLines(a.split('\n'), b.split('\n')).filter((line) => line.op !== ' ');
}

/** Publish through the studio's dialog, with a summary for the history. */
async function publish(page: Page, summary: string): Promise<void> {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish this flow' });
  await dialog.getByLabel('What changed?').fill(summary);
  await dialog.getByRole('button', { name: 'Publish' }).click();
}

const fileOf = (id: string, kind: 'flow' | 'layout' | 'test') => join(runtime.flowsDir, `${id}.${kind}.json`);
const read = (id: string, kind: 'flow' | 'layout' | 'test') => readFileSync(fileOf(id, kind), 'utf8');

describe('studio against the runtime (Chromium)', () => {
  it('refuses a wrong password in plain words and signs in with the right one', async () => {
    const page = await newPage(false);
    await page.goto(studio);
    await page.getByLabel('Password').fill('not it');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/password is not right/);
    await page.getByLabel('Password').fill(runtime.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Order status lookup', exact: true }).waitFor();
    await snap(page, 'runtime-01-flow-list');
  });

  it('accepts the admin token pasted into the password field', async () => {
    const page = await newPage(false);
    await page.goto(studio);
    await page.getByRole('button', { name: 'Use an admin token instead' }).waitFor();
    await page.getByLabel('Password').fill(runtime.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Order status lookup', exact: true }).waitFor();
  });

  it('builds, saves, publishes and previews a new flow; moving a node changes only the layout file', async () => {
    const page = await newPage();
    await page.goto(studio);
    await page.getByLabel('Name', { exact: true }).fill('Greeting');
    await page.getByRole('button', { name: 'Create flow' }).click();
    await page.locator('.empty-state').waitFor();
    expect(existsSync(fileOf('greeting', 'flow'))).toBe(true);

    // Message with two buttons → a question on one branch, an end on the other.
    await page.getByRole('button', { name: 'Add a first message' }).click();
    await page.getByLabel('Message text').fill('Hi! Shall we book a visit?');
    await page.getByRole('button', { name: '+ Add button' }).click();
    await page.getByRole('button', { name: '+ Add button' }).click();
    await page.getByLabel('Button title', { exact: true }).nth(0).fill('Yes please');
    await page.getByLabel('Button title', { exact: true }).nth(1).fill('No thanks');
    const ask = await addFromPalette(page, 'ask');
    await page.getByLabel('Question', { exact: true }).fill('Which day suits you?');
    const bye = await addFromPalette(page, 'end');
    await dragConnect(page, 'message', 'button_1', ask);
    await dragConnect(page, 'message', 'button_2', bye);
    await dragConnect(page, ask, 'next', bye);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);
    // The remaining exits end the conversation on purpose (the validator wants them explicit).
    await node(page, 'message').locator('.node-head').click();
    for (const exit of ['other', 'timeout'])
      await page.getByLabel(exit === 'other' ? 'Anything else' : 'No reply').selectOption({ label: '— end the conversation here —' });
    await node(page, ask).locator('.node-head').click();
    for (const label of ['Gave up (invalid)', 'No reply'])
      await page.getByLabel(label).selectOption({ label: '— end the conversation here —' });
    await expect.poll(() => page.locator('.problems summary').textContent()).toMatch(/^Problems: 0 errors/);
    await snap(page, 'runtime-02-built');
    // Leaving with unsaved edits asks first; Cancel keeps them.
    await page.getByRole('button', { name: 'Back to all flows' }).click();
    const unsaved = page.getByRole('alertdialog', { name: 'You have unsaved changes' });
    await unsaved.waitFor();
    await snap(page, 'runtime-02b-unsaved-changes');
    await unsaved.getByRole('button', { name: 'Cancel' }).click();
    await unsaved.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('All changes saved').waitFor();
    const flowFile = read('greeting', 'flow');
    const saved = JSON.parse(flowFile);
    expect(saved.start).toBe('message');
    expect(saved.nodes.map((n: { id: string }) => n.id)).toEqual(['message', ask, bye]);
    expect(saved.nodes[0].exits).toEqual({ button_1: ask, button_2: bye, other: null, timeout: null });
    expect(saved.nodes[0].buttons).toEqual([
      { id: 'button_1', title: 'Yes please' },
      { id: 'button_2', title: 'No thanks' },
    ]);
    const layoutFile = read('greeting', 'layout');

    // Moving a node and saving again rewrites the layout, not the flow.
    await dragNode(page, bye, 60, 120);
    await page.keyboard.press('Control+S');
    await expect.poll(() => read('greeting', 'layout')).not.toBe(layoutFile);
    await page.getByText('All changes saved').waitFor();
    // Only the layout moved: the flow file is byte-identical (its revision is not bumped).
    const changed = changedLines(flowFile, read('greeting', 'flow'));
    expect(changed, 'flow file lines changed by a move').toEqual([]);
    expect(read('greeting', 'flow')).toBe(flowFile);

    // Publish → a new version in the history, with its summary and the configured user.
    await publish(page, 'e2e');
    const published = await page.getByText(/Published version \d+/).textContent();
    const version = Number(/version (\d+)/.exec(published ?? '')?.[1]);
    await page.getByRole('button', { name: 'History' }).click();
    const entry = page.getByTestId(`version-${version}`);
    await entry.getByText('e2e-marketer').waitFor();
    await expect(entry.textContent()).resolves.toMatch(new RegExp(`^v${version}Live e2e`));
    await snap(page, 'runtime-03-history');
    await page.getByRole('button', { name: 'Close history' }).click();

    // Preview: chat through the "yes" branch; the waiting node glows on the canvas.
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const chat = page.locator('.preview');
    await chat.getByText('Hi! Shall we book a visit?').waitFor();
    await expect.poll(() => node(page, 'message').evaluate((e) => e.classList.contains('active'))).toBe(true);
    await chat.getByRole('button', { name: 'Yes please' }).click();
    await chat.getByText('Which day suits you?').waitFor();
    await expect.poll(() => node(page, ask).evaluate((e) => e.classList.contains('active'))).toBe(true);
    await expect(node(page, 'message').evaluate((e) => e.classList.contains('active'))).resolves.toBe(false);
    await snap(page, 'runtime-04-preview');
    await chat.getByLabel('Message').fill('Tuesday');
    await chat.getByRole('button', { name: 'Send' }).click();
    await chat.getByText('Conversation ended').waitFor();
    await chat.locator('.turn.bot details').first().click();
    await chat.getByRole('button', { name: /Save as test/ }).click();
    const naming = page.getByRole('dialog', { name: 'Save as test' });
    await naming.getByLabel('Test name').fill('books a visit on tuesday');
    await naming.getByRole('button', { name: 'Save test' }).click();
    await chat.getByText(/Saved as test “books a visit on tuesday”/).waitFor();
    // Preview chats are kept out of the analytics (issue #9): the overlay counts no conversation.
    await page.getByRole('button', { name: 'Analytics', exact: true }).click();
    await page.locator('.analytics-sum').getByText('0 started · 0 completed').waitFor();
    await expect(
      node(page, 'message')
        .locator('.node-analytics')
        .textContent()
        .catch(() => ''),
    ).resolves.not.toMatch(/[1-9]\d* visits/);

    const tests = JSON.parse(read('greeting', 'test'));
    expect(tests.tests.at(-1).name).toBe('books a visit on tuesday');
    const turns = tests.tests.at(-1).turns;
    expect(turns.slice(0, 4)).toEqual([
      { bot: { text: 'Hi! Shall we book a visit?', buttons: ['Yes please', 'No thanks'] } },
      { tap: 'button_1' },
      { bot: { text: 'Which day suits you?' } },
      { user: 'Tuesday' },
    ]);
  }, 90_000);

  it('refuses a save over a newer revision and offers reload and compare', async () => {
    const a = await newPage();
    const b = await newPage();
    await openFlow(a, studio, 'order-status');
    await openFlow(b, studio, 'order-status');
    await a.getByLabel('Flow name').fill('Order status (edited by A)');
    await a.keyboard.press('Control+S');
    await a.getByText('All changes saved').waitFor();

    await b.getByLabel('Flow name').fill('Order status (edited by B)');
    await focusCanvas(b);
    await b.keyboard.press('Control+S');
    const dialog = b.getByRole('alertdialog', { name: 'Someone else saved this flow' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Compare changes' }).click();
    await dialog.locator('.diff-del', { hasText: 'edited by A' }).waitFor();
    await dialog.locator('.diff-add', { hasText: 'edited by B' }).waitFor();
    await snap(b, 'runtime-05-conflict');
    expect(JSON.parse(read('order-status', 'flow')).name).toBe('Order status (edited by A)');

    await dialog.getByRole('button', { name: /Reload their version/ }).click();
    await expect.poll(() => b.getByLabel('Flow name').inputValue()).toBe('Order status (edited by A)');
    // After reloading, B saves on top of A's revision without a conflict.
    await b.getByLabel('Flow name').fill('Order status');
    await b.keyboard.press('Control+S');
    await b.getByText('All changes saved').waitFor();
    expect(JSON.parse(read('order-status', 'flow')).name).toBe('Order status');
  });

  it('tries a sentence against the intents and rolls back to an earlier version', async () => {
    const page = await newPage();
    await openFlow(page, studio, 'order-status');
    await page.getByLabel('Try a sentence').fill('where is my order?');
    await page.getByRole('button', { name: 'Try', exact: true }).click();
    const result = page.locator('.nlu-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toMatch(/Intentorder_status/);
    await expect(result.textContent()).resolves.toMatch(/Understood by(rules|classifier|structured|llm)/);

    // Publish twice, then roll back to the first of the two from the history.
    await page.getByLabel('Flow name').fill('Order status v-A');
    await publish(page, 'e2e v-A');
    const a = Number(/version (\d+)/.exec((await page.getByText(/Published version \d+/).textContent()) ?? '')?.[1]);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByLabel('Flow name').fill('Order status v-B');
    await publish(page, 'e2e v-B');
    await expect
      .poll(async () => Number(/version (\d+)/.exec((await page.locator('.banner').textContent()) ?? '')?.[1]))
      .toBeGreaterThan(a);
    await page.getByRole('button', { name: 'History' }).click();
    const history = page.locator('.history-panel');
    await history.getByTestId(`version-${a}`).getByRole('checkbox').check();
    await history
      .getByTestId(`version-${a + 1}`)
      .getByRole('checkbox')
      .check();
    // The live version is marked and cannot be "rolled back to".
    await history
      .getByTestId(`version-${a + 1}`)
      .getByText('Live')
      .waitFor();
    expect(
      await history
        .getByTestId(`version-${a + 1}`)
        .getByRole('button', { name: /Roll back/ })
        .count(),
    ).toBe(0);
    await history
      .locator('.change-list')
      .getByText(/Flow settings changed: Name/)
      .waitFor();
    await history.getByRole('button', { name: 'Show the JSON diff' }).click();
    await history.locator('.diff-add', { hasText: 'v-B' }).waitFor();
    await snap(page, 'runtime-06a-history-compare');
    await history.getByRole('button', { name: `Roll back to v${a}` }).click();
    await page
      .getByRole('alertdialog', { name: `Roll back to v${a}?` })
      .getByRole('button', { name: `Make v${a} live` })
      .click();
    await page.getByText(/Rolled back: version \d+ is live/).waitFor();
    await history.locator('.version', { hasText: `rollback to version ${a}` }).waitFor();
    expect(JSON.parse(read('order-status', 'flow')).name).toBe('Order status v-A');
    // The editor now shows the rolled-back draft and can save on top of it.
    await expect.poll(() => page.getByLabel('Flow name').inputValue()).toBe('Order status v-A');
    await snap(page, 'runtime-06-rollback');
    await page.getByLabel('Flow name').fill('Order status');
    await page.keyboard.press('Control+S');
    await page.getByText('All changes saved').waitFor();
  }, 60_000);

  it('previews with a fired timeout, the per-turn details and a restart', async () => {
    const page = await newPage();
    await openFlow(page, studio, 'order-status');
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const chat = page.locator('.preview');
    await chat.getByText(/What's your order number/).waitFor();
    await expect.poll(() => node(page, 'ask_order').evaluate((e) => e.classList.contains('active'))).toBe(true);
    await chat.getByRole('button', { name: /Fire timeout/ }).click();
    await chat.getByText(/No rush/).waitFor();
    await chat.getByText('No reply (timeout fired)').waitFor();
    // Each bot turn can be opened to see where it came from and the session's state.
    const details = chat.locator('.turn.bot', { hasText: 'No rush' }).locator('details');
    await details.locator('summary').click();
    await expect(details.textContent()).resolves.toMatch(/timed_out/);
    await expect(details.textContent()).resolves.toMatch(/Status: (ended|active|waiting)/);
    await chat.getByRole('button', { name: /Restart/ }).click();
    await chat.getByText('Conversation restarted').waitFor();
    await expect.poll(() => chat.locator('.turn.bot', { hasText: /What's your order number/ }).count()).toBe(1);
    await snap(page, 'runtime-07-preview-timeout');
  }, 60_000);

  it('does not publish a flow with errors and says why', async () => {
    const page = await newPage();
    await openFlow(page, studio, 'order-status');
    await page.locator('.react-flow__node-flow').first().waitFor();
    // The question every path comes back to: the steps that led to it are left without a way on.
    await node(page, 'ask_order').locator('.node-head').click();
    await page.getByRole('button', { name: 'Delete step' }).click();
    await expect.poll(() => page.locator('.problems summary').textContent()).not.toMatch(/^Problems: 0 errors/);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toMatch(/Fix the problems/);
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
  }, 60_000); // as the other studio tests here: under the whole suite's load this took over 20 s

  it('a preview with web requests, saved as a test, passes parley test at once', async () => {
    const flow = {
      id: 'stock-check',
      name: 'Stock check',
      specVersion: '1.0.0',
      revision: 0,
      languages: ['en'],
      start: 'stock',
      variables: { stock: { type: 'number' }, qty: { type: 'number' } },
      nodes: [
        {
          id: 'stock',
          type: 'http',
          method: 'GET',
          url: `${shopUrl}/stock?sku=42`,
          map: { stock: 'body.stock' },
          exits: { success: 'qty', failure: 'down' },
        },
        {
          id: 'qty',
          type: 'ask',
          prompt: 'We have {{stock}} left. How many would you like?',
          expect: 'number',
          saveAs: 'qty',
          exits: { next: 'reserve', invalid: null, timeout: null },
        },
        {
          id: 'reserve',
          type: 'http',
          method: 'POST',
          url: `${shopUrl}/reserve`,
          body: '{"sku": 42, "qty": {{qty}}}',
          retries: 0,
          exits: { success: 'done', failure: 'sorry' },
        },
        { id: 'done', type: 'message', text: 'Reserved!', exits: { next: null } },
        { id: 'sorry', type: 'message', text: 'Sorry, we could not reserve them.', exits: { next: null } },
        { id: 'down', type: 'message', text: 'The shop is not answering.', exits: { next: null } },
      ],
    };
    const positions = Object.fromEntries(flow.nodes.map((n, i) => [n.id, { x: 40 + (i % 3) * 300, y: 40 + Math.floor(i / 3) * 220 }]));
    const created = await fetch(`${runtime.url}/api/flows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${runtime.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ flow, layout: { flowId: flow.id, positions } }),
    });
    expect(created.status, await created.clone().text()).toBe(201);

    const page = await newPage();
    await openFlow(page, studio, 'stock-check');
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const chat = page.locator('.preview');
    await chat.getByText('We have 7 left. How many would you like?').waitFor();
    await chat.getByLabel('Message').fill('lots');
    await chat.getByRole('button', { name: 'Send' }).click();
    // Not a number: the default retry message says what is expected.
    await chat.getByText('Please enter a number, like 42.').waitFor();
    await chat.getByLabel('Message').fill('2');
    await chat.getByRole('button', { name: 'Send' }).click();
    await chat.getByText('Sorry, we could not reserve them.').waitFor();
    // The refused reservation is not silent: the preview says which request failed and how.
    const failed = chat.locator('.turn.request.failed');
    await expect(failed.textContent()).resolves.toBe(
      `Web request failed (reserve): POST ${shopUrl.slice('http://'.length)}/reserve — HTTP 409`,
    );
    await chat.getByText('Conversation ended').waitFor();
    await snap(page, 'runtime-08-preview-requests');

    await chat.getByRole('button', { name: /Save as test/ }).click();
    const naming = page.getByRole('dialog', { name: 'Save as test' });
    await naming.getByLabel('Test name').fill('two reserved but sold out');
    await naming.getByRole('button', { name: 'Save test' }).click();
    await chat.getByText(/Saved as test “two reserved but sold out”/).waitFor();

    const saved = JSON.parse(read('stock-check', 'test')).tests.at(-1);
    expect(saved.mocks.http).toEqual([
      {
        match: { method: 'GET', url: `${shopUrl}/stock?sku=42` },
        status: 200,
        body: { sku: 42, stock: 7 },
        headers: { 'content-type': 'application/json' },
        times: 1,
      },
      {
        match: { method: 'POST', url: `${shopUrl}/reserve` },
        status: 409,
        body: { error: 'sold out' },
        headers: { 'content-type': 'application/json' },
        times: 1,
      },
    ]);
    // The saved test replays from its mocks: it passes with the shop gone.
    await new Promise((r) => shop.close(r));
    const run = await promisify(execFile)(
      process.execPath,
      [join(REPO, 'packages/cli/bin/parley.mjs'), 'test', fileOf('stock-check', 'test')],
      { cwd: REPO },
    ).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
    );
    expect(run.out).toMatch(/✓ two reserved but sold out/);
    expect(run.code, run.out).toBe(0);
  }, 90_000);
});
