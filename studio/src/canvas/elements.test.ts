import { describe, expect, it } from 'vitest';
import type { Flow } from '@parley/flow';
import { EdgeBuilder, ElementBuilder, exitsOf } from './elements';
import { connect, moveNodes, type EditorDoc } from '../model/doc';

const flow: Flow = {
  id: 'f',
  name: 'F',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'a',
  nodes: [
    { id: 'a', type: 'message', text: 'Pick', buttons: [{ id: 'x', title: 'X' }], exits: { x: 'b', stale: 'b' } },
    { id: 'b', type: 'message', text: 'B', exits: { next: 'c' } },
    { id: 'c', type: 'end' },
  ],
};
const doc: EditorDoc = { flow, layout: { flowId: 'f', positions: { a: { x: 0, y: 0 }, b: { x: 300, y: 0 }, c: { x: 600, y: 0 } } } };
const none = new Set<string>();

describe('canvas elements', () => {
  it('shows the type exits plus stale exit keys, so nothing is hidden', () => {
    expect(exitsOf(flow.nodes[0]!)).toEqual(['x', 'other', 'timeout', 'stale']);
  });

  it('re-creates only the node that moved', () => {
    const b = new ElementBuilder();
    const input = { selected: none, measured: new Map(), decorations: new Map() };
    const first = b.nodes({ doc, ...input });
    const second = b.nodes({ doc: moveNodes(doc, { b: { x: 310, y: 5 } }), ...input });
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]!.position).toEqual({ x: 310, y: 5 });
    expect(second[2]).toBe(first[2]);
  });

  it('re-creates only the edges of the node that changed', () => {
    const e = new EdgeBuilder();
    const first = e.edges(doc, none, none);
    expect(first.map((x) => x.id)).toEqual(['a→x', 'a→stale', 'b→next']);
    const second = e.edges(connect(doc, 'b', 'next', 'a'), none, new Set(['a→x']));
    expect(second[1]).toBe(first[1]);
    expect(second[0]).not.toBe(first[0]); // now marked as an error
    expect(second[0]!.className).toBe('edge-error');
    expect(second[2]!.target).toBe('a');
  });
});
