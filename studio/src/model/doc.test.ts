import { describe, expect, it } from 'vitest';
import type { Flow } from '@parley/flow';
import { addNode, connect, deleteElements, moveNodes, renameNode, uniqueId, type EditorDoc } from './doc';
import { copySelection, parseClipboard, pastePayload, serializeClipboard } from './clipboard';

function sample(): EditorDoc {
  const flow: Flow = {
    id: 'demo',
    name: 'Demo',
    specVersion: '1.0.0',
    revision: 1,
    languages: ['en'],
    start: 'hello',
    variables: { name: { type: 'string' }, other: { type: 'number' } },
    nodes: [
      { id: 'hello', type: 'message', text: 'Hi', exits: { next: 'ask_name' } },
      { id: 'ask_name', type: 'ask', prompt: 'Name?', expect: 'text', saveAs: 'name', exits: { next: 'bye' } },
      { id: 'bye', type: 'end' },
    ],
  };
  return { flow, layout: { flowId: 'demo', positions: { hello: { x: 0, y: 0 }, ask_name: { x: 200, y: 0 }, bye: { x: 400, y: 0 } } } };
}

describe('document edits', () => {
  it('moving a node touches only the layout', () => {
    const doc = sample();
    const moved = moveNodes(doc, { ask_name: { x: 210.6, y: 40.2 } });
    expect(moved.flow).toBe(doc.flow);
    expect(moved.layout.positions.ask_name).toEqual({ x: 211, y: 40 });
  });

  it('connects and disconnects exits without disturbing other nodes', () => {
    const doc = sample();
    const next = connect(doc, 'hello', 'next', 'bye');
    expect(next.flow.nodes[0]!.exits).toEqual({ next: 'bye' });
    expect(next.flow.nodes[1]).toBe(doc.flow.nodes[1]);
    const ended = connect(next, 'hello', 'next', null);
    expect(ended.flow.nodes[0]!.exits).toEqual({ next: null });
    const cut = connect(ended, 'hello', 'next', undefined);
    expect(cut.flow.nodes[0]!.exits).toBeUndefined();
    expect(connect(cut, 'hello', 'next', undefined)).toBe(cut);
  });

  it('deleting a node removes exits that pointed at it and moves the start', () => {
    const doc = deleteElements(sample(), { nodeIds: ['hello', 'bye'] });
    expect(doc.flow.nodes.map((n) => n.id)).toEqual(['ask_name']);
    expect(doc.flow.nodes[0]!.exits).toBeUndefined();
    expect(doc.flow.start).toBe('ask_name');
    expect(Object.keys(doc.layout.positions)).toEqual(['ask_name']);
  });

  it('deletes a single edge', () => {
    const doc = deleteElements(sample(), { edges: [{ source: 'ask_name', exit: 'next' }] });
    expect(doc.flow.nodes[1]!.exits).toBeUndefined();
    expect(doc.flow.nodes[0]!.exits).toEqual({ next: 'ask_name' });
  });

  it('renames a node and every reference to it', () => {
    const doc = renameNode(sample(), 'ask_name', 'ask_full_name');
    expect(doc.flow.nodes[0]!.exits).toEqual({ next: 'ask_full_name' });
    expect(Object.keys(doc.layout.positions)).toEqual(['hello', 'ask_full_name', 'bye']);
    expect(renameNode(doc, 'hello', 'bye')).toBe(doc); // taken
  });

  it('makes the first node of an empty flow its start', () => {
    const empty: EditorDoc = { flow: { ...sample().flow, nodes: [], start: '' }, layout: { flowId: 'demo', positions: {} } };
    const doc = addNode(empty, { id: 'm', type: 'message', text: 'x' }, { x: 1, y: 2 });
    expect(doc.flow.start).toBe('m');
  });

  it('finds unique ids', () => {
    expect(uniqueId('ask', new Set(['ask', 'ask_2']))).toBe('ask_3');
    expect(uniqueId('ask_7', new Set(['ask_7']))).toBe('ask_8');
  });
});

describe('clipboard', () => {
  it('round-trips through text and renames colliding ids, keeping inner edges only', () => {
    const doc = sample();
    const payload = copySelection(doc, ['hello', 'ask_name'])!;
    expect(Object.keys(payload.variables)).toEqual(['name']);
    const parsed = parseClipboard(serializeClipboard(payload))!;
    const { doc: next, ids } = pastePayload(doc, parsed, { x: 100, y: 500 });
    expect(ids).toEqual(['hello_2', 'ask_name_2']);
    const [h2, a2] = next.flow.nodes.slice(3);
    expect(h2!.exits).toEqual({ next: 'ask_name_2' });
    expect(a2!.exits).toBeUndefined(); // pointed at "bye", outside the copied group
    expect(next.layout.positions.hello_2).toEqual({ x: 100, y: 500 });
    expect(next.layout.positions.ask_name_2).toEqual({ x: 300, y: 500 });
    expect(doc.flow.nodes).toHaveLength(3); // source untouched
  });

  it('brings variable declarations into another flow', () => {
    const payload = copySelection(sample(), ['ask_name'])!;
    const target: EditorDoc = { flow: { ...sample().flow, variables: {}, nodes: [], start: '' }, layout: { flowId: 'x', positions: {} } };
    const { doc } = pastePayload(target, payload, { x: 0, y: 0 });
    expect(doc.flow.variables).toEqual({ name: { type: 'string' } });
    expect(doc.flow.start).toBe('ask_name');
  });

  it('ignores text that is not a Parley payload', () => {
    expect(parseClipboard('hello')).toBeNull();
    expect(parseClipboard('{"kind":"other"}')).toBeNull();
  });
});
