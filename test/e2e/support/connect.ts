/**
 * Connecting two steps by dragging, waiting on what the canvas shows rather than on time:
 * the drag has started when React Flow draws its connection line, it is over the target
 * when the target handle is marked as the one being connected to, and it is done when the
 * edge is in the DOM. Under load a pointer event can be coalesced away and the gesture not
 * register; then it is simply made again (the state says so, not a timeout guess).
 */
import type { Page } from 'playwright-core';
import { node } from './canvas';

const STEP_MS = 10_000;

export async function dragConnect(page: Page, from: string, exit: string, to: string, attempts = 3): Promise<void> {
  const edge = page.locator(`[data-testid="rf__edge-${from}→${exit}"]`);
  const src = node(page, from).locator(`.exit[data-exit="${exit}"] .react-flow__handle`);
  const dst = node(page, to).locator('.handle-in');
  const problems: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (await edge.count()) return;
    await src.scrollIntoViewIfNeeded();
    const a = await src.boundingBox();
    const b = await dst.boundingBox();
    if (!a || !b) throw new Error(`cannot see handle ${from}.${exit} or ${to}'s input`);
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 6, { steps: 3 });
    try {
      await page.locator('.react-flow__connectionline').waitFor({ timeout: STEP_MS });
      await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
      await page.waitForFunction((el) => !!el && el.classList.contains('connectingto'), await dst.elementHandle(), { timeout: STEP_MS });
    } catch (e) {
      problems.push(`attempt ${attempt}: ${(e as Error).message.split('\n')[0]}`);
      await page.mouse.up();
      continue;
    }
    await page.mouse.up();
    try {
      await edge.waitFor({ timeout: STEP_MS });
      return;
    } catch (e) {
      problems.push(`attempt ${attempt}: no edge after the drop (${(e as Error).message.split('\n')[0]})`);
    }
  }
  throw new Error(`could not connect ${from}.${exit} → ${to}: ${problems.join('; ')}`);
}
