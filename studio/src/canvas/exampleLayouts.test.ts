/**
 * The example flows open without steps on top of each other: in every
 * flows/*.layout.json, no two steps' boxes (at the sizes the studio estimates,
 * nodeSize.ts) overlap, and no sticky note covers a step.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Flow, FlowLayout } from '@parley/flow';
import { estimateNodeSize } from './nodeSize';

const FLOWS = join(process.cwd(), 'flows');
type Box = { id: string; x: number; y: number; width: number; height: number };

export function overlapsIn(flow: Flow, layout: FlowLayout): string[] {
  const boxes: Box[] = flow.nodes.map((n) => ({ id: n.id, ...layout.positions[n.id]!, ...estimateNodeSize(n) }));
  const notes: Box[] = (layout.notes ?? []).map((n) => ({
    id: `note ${n.id}`,
    x: n.x,
    y: n.y,
    width: n.width ?? 200,
    height: n.height ?? 120,
  }));
  const all = [...boxes, ...notes];
  const found: string[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i]!;
      const b = all[j]!;
      if (a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y) found.push(`${a.id} × ${b.id}`);
    }
  }
  return found;
}

describe('example layouts', () => {
  const ids = readdirSync(FLOWS)
    .filter((f) => f.endsWith('.flow.json'))
    .map((f) => f.replace('.flow.json', ''));
  it('there are example flows', () => expect(ids.length).toBeGreaterThanOrEqual(5));
  for (const id of ids) {
    it(`${id}: every step has a position and none overlaps another or a note`, () => {
      const flow = JSON.parse(readFileSync(join(FLOWS, `${id}.flow.json`), 'utf8')) as Flow;
      const layout = JSON.parse(readFileSync(join(FLOWS, `${id}.layout.json`), 'utf8')) as FlowLayout;
      expect(flow.nodes.filter((n) => !layout.positions[n.id]).map((n) => n.id)).toEqual([]);
      expect(overlapsIn(flow, layout)).toEqual([]);
    });
  }

  it('the check sees an overlap (support-faq idle_end over the split, as it was)', () => {
    const flow = JSON.parse(readFileSync(join(FLOWS, 'support-faq.flow.json'), 'utf8')) as Flow;
    const layout = JSON.parse(readFileSync(join(FLOWS, 'support-faq.layout.json'), 'utf8')) as FlowLayout;
    const understand = layout.positions.understand!;
    const broken = { ...layout, positions: { ...layout.positions, idle_end: { x: understand.x, y: understand.y + 160 } } };
    expect(overlapsIn(flow, broken)).toContain('understand × idle_end');
  });
});
