/**
 * The studio on its own in Debian's Chromium: a marketer builds a flow on an
 * empty canvas, meets a validation error and fixes it, undoes/redoes, copies
 * and pastes (also into another tab), and auto-lays out. The API is answered
 * in the browser (support/stub-api.ts); runtime.e2e.test.ts covers the server.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { Flow, FlowLayout } from '@parley/flow';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, snap, watchErrors } from './support/browser';
import { ensureStudioBuilt } from './support/build';
import { serveStudio } from './support/static';
import { emptyFlow, stubApi, type StubApi } from './support/stub-api';
import { addFromPalette, connect, dragNode, focusCanvas, node, nodeIds, openFlow, positions, selectNode } from './support/canvas';

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let context: BrowserContext;
let page: Page;
let api: StubApi;
let errors: string[];

beforeAll(async () => {
  const dist = await ensureStudioBuilt();
  server = await serveStudio(dist);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => sessionStorage.setItem('parley.token', 'stub-token'));
  api = await stubApi(context, [
    { flow: emptyFlow('welcome') },
    { flow: emptyFlow('other-flow') },
    { flow: emptyFlow('bilingual', ['en', 'es']) },
  ]);
  page = await context.newPage();
  errors = watchErrors(page);
});

afterEach(async () => {
  expect(errors, 'the studio threw in the page').toEqual([]);
  await context.close();
});

const mod = 'Control';

describe('studio canvas (Chromium)', () => {
  it('builds a flow from an empty canvas: add nodes, connect, edit text and buttons', async () => {
    await openFlow(page, server.url, 'welcome');
    await expect(page.locator('.empty-state').textContent()).resolves.toContain('Your flow is empty');
    await snap(page, 'canvas-01-empty-state');

    await page.getByRole('button', { name: 'Add a first message' }).click();
    const hello = (await nodeIds(page))[0]!;
    expect(hello).toBe('message');
    await page.getByLabel('Message text').fill('Hi {{contact.name}}! What can we do for you?');
    await page.getByRole('button', { name: '+ Add button' }).click();
    await page.getByRole('button', { name: '+ Add button' }).click();
    const titles = page.getByLabel('Button title', { exact: true });
    await titles.nth(0).fill('Track order');
    await titles.nth(1).fill('Talk to us');
    await expect(node(page, hello).locator('.exit').allTextContents()).resolves.toEqual([
      'Track order',
      'Talk to us',
      'Anything else',
      'No reply',
    ]);

    const ask = await addFromPalette(page, 'ask');
    const agent = await addFromPalette(page, 'handoff');
    await connect(page, hello, 'button_1', ask);
    await connect(page, hello, 'button_2', agent);
    await expect(page.locator('.react-flow__edge').count()).resolves.toBe(2);

    // The canvas shows the node's content as typed.
    await expect(node(page, hello).locator('.node-text').textContent()).resolves.toBe('Hi {{contact.name}}! What can we do for you?');
    await snap(page, 'canvas-02-built');

    // Saving sends the document; the flow's nodes and exits are what was drawn.
    await page.keyboard.press(`${mod}+S`);
    await page.getByText('All changes saved').waitFor();
    const saved = api.saves.at(-1)!;
    expect(saved.flow.start).toBe(hello);
    expect(saved.flow.nodes.map((n) => n.type)).toEqual(['message', 'ask', 'handoff']);
    expect(saved.flow.nodes[0]!.exits).toEqual({ button_1: ask, button_2: agent });
    expect(Object.keys(saved.layout.positions).sort()).toEqual([hello, ask, agent].sort());
  });

  it('flags a WhatsApp limit as you type, badges the node, and clears when fixed', async () => {
    await openFlow(page, server.url, 'welcome');
    await page.getByRole('button', { name: 'Add a first message' }).click();
    await page.getByRole('button', { name: '+ Add button' }).click();
    const title = page.getByLabel('Button title', { exact: true });
    await title.fill('A button title that is far too long');
    await page.getByText('too long for WhatsApp').waitFor();
    const badge = node(page, 'message').locator('.badge-error');
    await badge.waitFor();
    await page
      .locator('.problems')
      .getByText(/WhatsApp allows at most 20/)
      .first()
      .waitFor();
    await snap(page, 'canvas-03-validation-error');

    // Clicking the issue focuses its node.
    await focusCanvas(page);
    await expect(page.locator('.inspector').count()).resolves.toBe(0);
    await page.locator('.problems .issue.error', { hasText: 'WhatsApp allows at most 20' }).click();
    await page.locator('.inspector').waitFor();

    await page.getByLabel('Button title', { exact: true }).fill('Short title');
    await expect
      .poll(() =>
        page
          .locator('.problems')
          .getByText(/WhatsApp allows at most 20/)
          .count(),
      )
      .toBe(0);
    // The unconnected button exit is still an error; the length one is gone from the badge.
    await expect
      .poll(async () => (await badge.count()) === 0 || !(await badge.getAttribute('title'))?.includes('WhatsApp allows'))
      .toBe(true);
  });

  it('undoes and redoes with the keyboard, and a drag is one undo step', async () => {
    await openFlow(page, server.url, 'welcome');
    await page.getByRole('button', { name: 'Add a first message' }).click();
    const ask = await addFromPalette(page, 'ask');
    await connect(page, 'message', 'next', ask);
    const before = await positions(page);
    await dragNode(page, ask, 120, 90);
    const after = await positions(page);
    expect(after[ask]!.x).toBeGreaterThan(before[ask]!.x + 60);

    await focusCanvas(page);
    await page.keyboard.press(`${mod}+Z`); // the drag
    await expect.poll(async () => (await positions(page))[ask]).toEqual(before[ask]);
    await page.keyboard.press(`${mod}+Z`); // the connection
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(0);
    await page.keyboard.press(`${mod}+Z`); // the ask node
    await expect.poll(() => nodeIds(page)).toEqual(['message']);
    await page.keyboard.press(`${mod}+Shift+Z`);
    await page.keyboard.press(`${mod}+Shift+Z`);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    await page.keyboard.press(`${mod}+Y`);
    await expect.poll(async () => (await positions(page))[ask]).toEqual(after[ask]);
  });

  it('copies and pastes nodes, in the same flow and into another flow in another tab', async () => {
    await openFlow(page, server.url, 'welcome');
    await page.getByRole('button', { name: 'Add a first message' }).click();
    const ask = await addFromPalette(page, 'ask');
    await connect(page, 'message', 'next', ask);
    await selectNode(page, 'message');
    await selectNode(page, ask, true);
    await expect(page.locator('.react-flow__node.selected').count()).resolves.toBe(2);
    await page.keyboard.press(`${mod}+C`);
    await page.keyboard.press(`${mod}+V`);
    await expect.poll(() => nodeIds(page)).toEqual(['message', ask, 'message_2', `${ask}_2`]);
    // The connection inside the copied group is kept, renamed.
    await page.locator(`[data-testid="rf__edge-message_2→next"]`).waitFor();
    await snap(page, 'canvas-04-pasted');

    const other = await context.newPage();
    const otherErrors = watchErrors(other);
    await openFlow(other, server.url, 'other-flow');
    await focusCanvas(other);
    await other.keyboard.press(`${mod}+V`);
    await expect.poll(() => nodeIds(other)).toEqual(['message', ask]);
    // Its variable came along, so the pasted question validates in the new flow.
    await expect(other.locator('.problems summary').textContent()).resolves.not.toMatch(/not declared/);
    expect(otherErrors).toEqual([]);
  });

  it('auto-lays out the flow left to right without overlaps, as one undoable step', async () => {
    await openFlow(page, server.url, 'welcome');
    await page.getByRole('button', { name: 'Add a first message' }).click();
    await page.getByRole('button', { name: '+ Add button' }).click();
    await page.getByRole('button', { name: '+ Add button' }).click();
    const a = await addFromPalette(page, 'message');
    const b = await addFromPalette(page, 'end');
    await connect(page, 'message', 'button_1', a);
    await connect(page, 'message', 'button_2', b);
    await connect(page, a, 'next', b);
    const before = await positions(page);
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await expect.poll(async () => JSON.stringify(await positions(page))).not.toBe(JSON.stringify(before));
    const p = await positions(page);
    expect(p.message!.x).toBeLessThan(p[a]!.x);
    expect(p[a]!.x).toBeLessThan(p[b]!.x);
    const boxes = await page
      .locator('.react-flow__node-flow')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [r, s] = [boxes[i]!, boxes[j]!];
        const overlap = r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom;
        expect(overlap, `nodes ${i} and ${j} overlap after auto-layout`).toBe(false);
      }
    }
    await snap(page, 'canvas-05-auto-layout');
    await focusCanvas(page);
    await page.keyboard.press(`${mod}+Z`);
    await expect.poll(async () => (await positions(page)).message).toEqual(before.message);
  });

  it('finds a node by its text and keeps keyboard access to the palette', async () => {
    await openFlow(page, server.url, 'welcome');
    await page.getByRole('button', { name: 'Add a first message' }).click();
    await page.getByLabel('Message text').fill('Our opening hours are 9 to 5');
    await addFromPalette(page, 'ask');
    // Keyboard only: Tab to the palette's "Delay" button and press Enter.
    await page.locator('.palette-item[data-type="wait"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await nodeIds(page)).length).toBe(3);
    // Drag and drop from the palette puts the step where it is dropped.
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    await page.locator('.palette-item[data-type="route"]').dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 60, y: 60 } });
    await expect.poll(async () => (await nodeIds(page)).includes('route')).toBe(true);
    const dropped = (await node(page, 'route').boundingBox())!;
    expect(Math.abs(dropped.x - (pane.x + 60))).toBeLessThan(40);
    expect(Math.abs(dropped.y - (pane.y + 60))).toBeLessThan(40);
    await page.keyboard.press(`${mod}+F`);
    await page.keyboard.type('opening hours');
    await page.keyboard.press('Enter');
    await expect(page.locator('.find-count').textContent()).resolves.toBe('1/1');
    await expect(page.locator('.react-flow__node.selected').getAttribute('data-id')).resolves.toBe('message');
    await expect(node(page, 'ask').evaluate((e) => e.classList.contains('dimmed'))).resolves.toBe(true);
  });

  it('keeps sticky notes in the layout only, and box-selects and deletes with the keyboard', async () => {
    await openFlow(page, server.url, 'welcome');
    await page.getByRole('button', { name: 'Add a first message' }).click();
    const ask = await addFromPalette(page, 'ask');
    await connect(page, 'message', 'next', ask);
    await page.locator('.palette-item', { hasText: 'Sticky note' }).click();
    await page.getByLabel('Sticky note text').fill('Ask legal about the wording');
    await page.keyboard.press(`${mod}+S`);
    await page.getByText('All changes saved').waitFor();
    let saved = api.saves.at(-1)!;
    expect(saved.layout.notes).toEqual([expect.objectContaining({ id: 'note', text: 'Ask legal about the wording' })]);
    expect(JSON.stringify(saved.flow)).not.toContain('legal');

    // Shift + drag on the empty canvas draws a selection box around both nodes.
    const boxes = await page
      .locator('.react-flow__node-flow')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    const left = Math.min(...boxes.map((b) => b.left)) - 20;
    const top = Math.min(...boxes.map((b) => b.top)) - 20;
    const right = Math.max(...boxes.map((b) => b.right)) + 20;
    const bottom = Math.max(...boxes.map((b) => b.bottom)) + 20;
    await page.keyboard.down('Shift');
    await page.mouse.move(left, top);
    await page.mouse.down();
    await page.mouse.move((left + right) / 2, (top + bottom) / 2, { steps: 5 });
    await page.mouse.move(right, bottom, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(() => page.locator('.react-flow__node-flow.selected').count()).toBe(2);
    // The note may sit inside the box too; whatever was selected goes.
    const noteSelected = (await page.locator('.react-flow__node-note.selected').count()) === 1;
    await page.keyboard.press('Delete');
    await expect.poll(() => nodeIds(page)).toEqual([]);
    await page.locator('.empty-state').waitFor();
    await page.keyboard.press(`${mod}+S`);
    await expect.poll(() => api.saves.length).toBeGreaterThan(1);
    saved = api.saves.at(-1)!;
    expect(saved.flow.nodes).toEqual([]);
    expect(saved.layout.notes?.map((n) => n.id)).toEqual(noteSelected ? [] : ['note']);
  });

  it('gives every control a name a screen reader can announce, for every node type', async () => {
    await openFlow(page, server.url, 'welcome');
    const types = await page.locator('.palette-item[data-type]').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')!));
    expect(types).toHaveLength(12);
    const unnamed = async () =>
      page.evaluate(`[...document.querySelectorAll('.editor input, .editor select, .editor textarea, .editor button')]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => !((el.labels && el.labels.length) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el.textContent || '').trim() || el.getAttribute('title')))
      .map((el) => el.outerHTML.slice(0, 120))`) as Promise<string[]>;
    expect(await unnamed(), 'flow settings').toEqual([]);
    for (const type of types) {
      const id = await addFromPalette(page, type);
      // On a loaded machine a click can land while the new node is still being placed: select again until the inspector shows.
      for (let attempt = 1; ; attempt++) {
        await selectNode(page, id);
        const shown = await page
          .locator('.inspector')
          .waitFor({ timeout: 5000 })
          .then(
            () => true,
            () => false,
          );
        if (shown) break;
        if (attempt === 3) throw new Error(`selecting the new ${type} node (${id}) never opened the inspector`);
      }
      for (const d of await page.locator('.inspector details:not([open]) > summary').all()) await d.click();
      expect(await unnamed(), `inspector of ${type}`).toEqual([]);
    }
    await snap(page, 'canvas-06-all-node-types');
  }, 60_000);

  it('lists untranslated texts and shows the canvas in another language', async () => {
    await openFlow(page, server.url, 'bilingual');
    await page.getByRole('button', { name: 'Add a first message' }).click();
    await page.getByRole('tab', { name: 'Translations' }).click();
    const panel = page.getByRole('region', { name: 'Missing translations' });
    await panel.getByText(/missing es/).waitFor();
    await panel.getByRole('button', { name: /message/ }).click();
    await page.getByLabel('Message text (es)').fill('¡Hola! ¿Cómo podemos ayudarte?');
    await page.getByRole('tab', { name: 'Translations' }).click();
    await panel.getByText('Everything is translated into en, es.').waitFor();
    await page.getByLabel('Language shown on the canvas').selectOption('es');
    await expect(node(page, 'message').locator('.node-text').textContent()).resolves.toBe('¡Hola! ¿Cómo podemos ayudarte?');
    await page.keyboard.press(`${mod}+S`);
    await page.getByText('All changes saved').waitFor();
    expect(api.saves.at(-1)!.flow.nodes[0]).toMatchObject({
      text: { en: 'Hello! How can we help?', es: '¡Hola! ¿Cómo podemos ayudarte?' },
    });
  });
});

/** A laptop screen: the size at which the canvas used to shrink to ~400 px and the toolbar wrapped. */
describe('studio canvas at 1280×720 (Chromium)', () => {
  type Box = { x: number; y: number; width: number; height: number };
  const overlap = (a: Box, b: Box) => a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;
  const EXAMPLES = fileURLToPath(new URL('../../flows/', import.meta.url));
  const examples = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.flow.json'))
    .map((f) => f.replace('.flow.json', ''));

  async function openExample(id: string): Promise<void> {
    const flow = JSON.parse(readFileSync(`${EXAMPLES}${id}.flow.json`, 'utf8')) as Flow;
    const layout = JSON.parse(readFileSync(`${EXAMPLES}${id}.layout.json`, 'utf8')) as FlowLayout;
    api.flows.set(id, { flow, layout, revision: flow.revision });
    await page.setViewportSize({ width: 1280, height: 720 });
    await openFlow(page, server.url, id);
    await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node-flow').length === n, flow.nodes.length);
  }

  async function boxes(selector: string): Promise<Array<Box & { id: string }>> {
    return page.locator(selector).evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { id: e.getAttribute('data-id') ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
  }

  it('opens every example flow with no step on top of another or under a note', async () => {
    for (const id of examples) {
      await openExample(id);
      const all = await boxes('.react-flow__node');
      const hits: string[] = [];
      for (let i = 0; i < all.length; i++)
        for (let j = i + 1; j < all.length; j++) if (overlap(all[i]!, all[j]!)) hits.push(`${all[i]!.id} × ${all[j]!.id}`);
      expect(hits, id).toEqual([]);
    }
    // Titles a marketer reads: the label, else the id in words; never the raw id.
    await expect(node(page, 'answer_shipping').locator('.node-title').textContent()).resolves.toBe('Answer shipping');
    await expect(node(page, 'understand').locator('.node-title').textContent()).resolves.toBe('What is the question about?');
    await snap(page, 'canvas-1280-01-support-faq-open');
  }, 90_000);

  it('keeps the toolbar on one line and the canvas usable with the preview open', async () => {
    await openExample('support-faq');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('.preview').waitFor();
    const middles = await page.locator('.toolbar > *').evaluateAll((els) =>
      els
        .filter((e) => (e as HTMLElement).offsetParent !== null)
        .map((e) => {
          const r = e.getBoundingClientRect();
          return r.top + r.height / 2;
        }),
    );
    expect(Math.max(...middles) - Math.min(...middles), 'toolbar items on one row').toBeLessThan(6);
    expect((await page.locator('.toolbar').boundingBox())!.height).toBeLessThan(52);
    const canvas = (await page.locator('.canvas').boundingBox())!;
    expect(canvas.width).toBeGreaterThan(560);
    // Folding the inspector gives the canvas most of the screen; selecting a step opens it again.
    await page.getByRole('button', { name: 'Hide the step editor' }).click();
    expect((await page.locator('.canvas').boundingBox())!.width).toBeGreaterThan(820);
    await page.getByRole('button', { name: 'Show the step editor' }).click();
    await snap(page, 'canvas-1280-02-preview-open');
  });

  it('adds a palette step where the marketer can see it, not under the inspector or the preview', async () => {
    await openExample('support-faq');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('.preview').waitFor();
    const before = new Set(await nodeIds(page));
    await page.locator('.palette-item[data-type="message"]').click();
    await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node-flow').length > n, before.size);
    const added = (await nodeIds(page)).find((x) => !before.has(x))!;
    await page.waitForTimeout(400); // a pan, when there was no room in view, animates for 250 ms
    const box = (await node(page, added).boundingBox())!;
    const canvas = (await page.locator('.canvas').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(canvas.x);
    expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    expect(box.y).toBeGreaterThanOrEqual(canvas.y);
    expect(box.y + box.height).toBeLessThanOrEqual(canvas.y + canvas.height);
    for (const panel of ['.right-pane', '.preview']) expect(overlap(box, (await page.locator(panel).boundingBox())!), panel).toBe(false);
    const others = (await boxes('.react-flow__node')).filter((b) => b.id !== added);
    expect(others.filter((o) => overlap(box, o)).map((o) => o.id)).toEqual([]);
    await snap(page, 'canvas-1280-03-palette-step-in-view');
  });

  it('connects a connection dropped anywhere on a step, not only on its input dot', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openFlow(page, server.url, 'welcome');
    await page.getByRole('button', { name: 'Add a first message' }).click();
    const ask = await addFromPalette(page, 'ask');
    const from = (await node(page, 'message').locator('.exit[data-exit="next"] .react-flow__handle').boundingBox())!;
    const body = (await node(page, ask).locator('.node-body').boundingBox())!;
    const input = (await node(page, ask).locator('.handle-in').boundingBox())!;
    const drop = { x: body.x + body.width / 2, y: body.y + body.height / 2 };
    expect(Math.hypot(drop.x - input.x, drop.y - input.y), 'the drop point is far from the input dot').toBeGreaterThan(60);
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move((from.x + drop.x) / 2, (from.y + drop.y) / 2, { steps: 5 });
    await page.mouse.move(drop.x, drop.y, { steps: 5 });
    await page.mouse.up();
    await page.locator('[data-testid="rf__edge-message→next"]').waitFor({ timeout: 5000 });
    await page.keyboard.press('Control+S');
    await page.getByText('All changes saved').waitFor();
    expect(api.saves.at(-1)!.flow.nodes.find((n) => n.id === 'message')!.exits).toEqual({ next: ask });
  });
});
