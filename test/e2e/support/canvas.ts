/** Canvas gestures shared by the e2e suites. */
import type { Locator, Page } from 'playwright-core';

export const node = (page: Page, id: string): Locator => page.locator(`[data-testid="node-${id}"]`);

export async function openFlow(page: Page, studioUrl: string, flowId: string): Promise<void> {
  await page.goto(`${studioUrl}#/flows/${encodeURIComponent(flowId)}`);
  await page.locator('.editor').waitFor();
}

export async function addFromPalette(page: Page, type: string): Promise<string> {
  const before = new Set(await nodeIds(page));
  await page.locator(`.palette-item[data-type="${type}"]`).click();
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node-flow').length > n, before.size);
  const added = (await nodeIds(page)).find((id) => !before.has(id));
  if (!added) throw new Error(`adding a ${type} node did not create one`);
  return added;
}

export async function nodeIds(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node-flow').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
}

export async function selectNode(page: Page, id: string, shift = false): Promise<void> {
  const head = node(page, id).locator('.node-head');
  if (shift) await page.keyboard.down('Shift');
  await head.click();
  if (shift) await page.keyboard.up('Shift');
}

/** Drag from an exit handle to another node's input handle, like a marketer does. */
export async function connect(page: Page, from: string, exit: string, to: string): Promise<void> {
  const src = node(page, from).locator(`.exit[data-exit="${exit}"] .react-flow__handle`);
  const dst = node(page, to).locator('.handle-in');
  const a = await src.boundingBox();
  const b = await dst.boundingBox();
  if (!a || !b) throw new Error(`cannot see handle ${from}.${exit} or ${to}'s input`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.locator(`.react-flow__edge[data-id="${from}→${exit}"], [data-testid="rf__edge-${from}→${exit}"]`).first().waitFor();
}

export async function dragNode(page: Page, id: string, dx: number, dy: number): Promise<void> {
  const box = await node(page, id).locator('.node-head').boundingBox();
  if (!box) throw new Error(`node ${id} is not visible`);
  const x = box.x + 20;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

export async function positions(page: Page): Promise<Record<string, { x: number; y: number }>> {
  return page.locator('.react-flow__node').evaluateAll((els) =>
    Object.fromEntries(
      els.map((e) => {
        const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec((e as HTMLElement).style.transform);
        return [e.getAttribute('data-id') ?? '', { x: Number(m?.[1] ?? NaN), y: Number(m?.[2] ?? NaN) }];
      }),
    ),
  );
}

/** Click on empty canvas so keyboard shortcuts go to the editor, not a form field. */
export async function focusCanvas(page: Page): Promise<void> {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  // Top-left: the zoom controls sit bottom-left and the minimap bottom-right.
  await page.mouse.click(pane.x + 15, pane.y + 15);
}
