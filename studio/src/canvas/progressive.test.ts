import { describe, expect, it } from 'vitest';
import type { Flow, FlowNode } from '@parley/flow';
import { idsInView, initialViewport } from './progressive';
import type { EditorDoc } from '../model/doc';

function grid(count: number): EditorDoc {
  const nodes: FlowNode[] = Array.from({ length: count }, (_, i) => ({ id: `n${i}`, type: 'end' }));
  const flow: Flow = { id: 'g', name: 'G', specVersion: '1.0.0', revision: 1, languages: ['en'], start: 'n0', nodes };
  const positions = Object.fromEntries(nodes.map((n, i) => [n.id, { x: 100 + (i % 20) * 300, y: 200 + Math.floor(i / 20) * 260 }]));
  return { flow, layout: { flowId: 'g', positions } };
}

describe('progressive mounting', () => {
  it('fits small flows and opens big ones at their top-left corner at half zoom', () => {
    expect(initialViewport(grid(10))).toBeUndefined();
    expect(initialViewport(grid(500))).toEqual({ x: -10, y: -60, zoom: 0.5 });
    const saved = { ...grid(500), layout: { ...grid(500).layout, viewport: { x: 1, y: 2, zoom: 0.7 } } };
    expect(initialViewport(saved)).toEqual({ x: 1, y: 2, zoom: 0.7 });
  });

  it('mounts first only the nodes in and near the first screen', () => {
    const doc = grid(500);
    const ids = idsInView(doc, initialViewport(doc)!, { width: 1440, height: 900 });
    expect(ids.has('n0')).toBe(true);
    expect(ids.has('n499')).toBe(false);
    expect(ids.size).toBeGreaterThan(20);
    expect(ids.size).toBeLessThan(200);
  });
});
