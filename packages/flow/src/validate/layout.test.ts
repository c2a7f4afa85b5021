import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../types';
import { validateLayout } from './layout';

const flow = JSON.parse(readFileSync(new URL('./fixtures/valid/all-node-types.flow.json', import.meta.url), 'utf8')) as Flow;

describe('validateLayout', () => {
  it('accepts a layout of the flow', () => {
    const layout = { flowId: flow.id, positions: { welcome: { x: 0, y: 0 } }, viewport: { x: 0, y: 0, zoom: 1 } };
    expect(validateLayout(layout, flow)).toEqual({ ok: true, layout, issues: [] });
  });

  it('reports structure problems with paths', () => {
    const result = validateLayout({ flowId: flow.id, positions: { welcome: { x: '0', y: 0 } }, viewport: { x: 0, y: 0, zoom: 0 } });
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([
      ['schema-type', '/positions/welcome/x'],
      ['schema-limit', '/viewport/zoom'],
    ]);
  });

  it('reports a layout of another flow and positions of unknown nodes', () => {
    const result = validateLayout({ flowId: 'other', positions: { ghost: { x: 1, y: 2 } } }, flow);
    expect(result.issues.map((i) => [i.severity, i.code, i.path])).toEqual([
      ['error', 'layout-flow-mismatch', '/flowId'],
      ['warning', 'layout-unknown-node', '/positions/ghost'],
    ]);
  });

  it('never throws', () => {
    for (const input of [null, 1, 'x', [], { flowId: 1 }, { positions: [] }]) expect(validateLayout(input, flow).ok).toBe(false);
  });
});
