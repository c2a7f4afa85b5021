import { describe, expect, it } from 'vitest';
import type { Flow } from '@parley/flow';
import { autoLayout } from './layout';

const flow: Flow = {
  id: 'f',
  name: 'F',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'a',
  nodes: [
    {
      id: 'a',
      type: 'message',
      text: 'Pick',
      buttons: [
        { id: 'x', title: 'X' },
        { id: 'y', title: 'Y' },
      ],
      exits: { x: 'b', y: 'c' },
    },
    { id: 'b', type: 'message', text: 'B', exits: { next: 'd' } },
    { id: 'c', type: 'message', text: 'C', exits: { next: 'd' } },
    { id: 'd', type: 'end' },
  ],
};

describe('autoLayout', () => {
  it('places nodes in layers left to right without overlaps', async () => {
    const p = await autoLayout(flow, new Map());
    expect(p.a!.x).toBeLessThan(p.b!.x);
    expect(p.b!.x).toBe(p.c!.x);
    expect(p.d!.x).toBeGreaterThan(p.b!.x);
    expect(Math.abs(p.b!.y - p.c!.y)).toBeGreaterThanOrEqual(120);
    // Button order is kept: the first button's branch is above the second's.
    expect(p.b!.y).toBeLessThan(p.c!.y);
  });
});
