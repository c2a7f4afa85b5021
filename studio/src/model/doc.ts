/**
 * The document the studio edits: the flow (logic) and its layout (canvas only).
 * Every edit is a pure function EditorDoc → EditorDoc so undo/redo is a stack of
 * immutable snapshots and untouched nodes keep their object identity (cheap re-render).
 */
import type { Flow, FlowLayout, FlowNode } from '@parley/flow';

export interface EditorDoc {
  flow: Flow;
  layout: FlowLayout;
}

export type Position = { x: number; y: number };
export type StickyNote = NonNullable<FlowLayout['notes']>[number];

export function emptyLayout(flowId: string): FlowLayout {
  return { flowId, positions: {} };
}

function findNode(flow: Flow, id: string): FlowNode | undefined {
  return flow.nodes.find((n) => n.id === id);
}

/** A fresh id like `ask_3` that no node (or note) in the flow uses yet. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/[^A-Za-z0-9_-]/g, '_') || 'node';
  if (!taken.has(stem)) return stem;
  const m = /^(.*?)_(\d+)$/.exec(stem);
  const root = m ? m[1]! : stem;
  let i = m ? Number(m[2]) + 1 : 2;
  while (taken.has(`${root}_${i}`)) i++;
  return `${root}_${i}`;
}

export function takenIds(doc: EditorDoc): Set<string> {
  const ids = new Set(doc.flow.nodes.map((n) => n.id));
  for (const note of doc.layout.notes ?? []) ids.add(note.id);
  return ids;
}

export function addNode(doc: EditorDoc, node: FlowNode, position: Position): EditorDoc {
  const nodes = [...doc.flow.nodes, node];
  // The first node of an empty flow becomes its start: what a marketer expects.
  const start = doc.flow.nodes.length === 0 || !doc.flow.start ? node.id : doc.flow.start;
  return {
    flow: { ...doc.flow, nodes, start },
    layout: { ...doc.layout, positions: { ...doc.layout.positions, [node.id]: round(position) } },
  };
}

/** Replace one node's content (same id). Returns the same doc when nothing changed. */
export function updateNode(doc: EditorDoc, node: FlowNode): EditorDoc {
  const i = doc.flow.nodes.findIndex((n) => n.id === node.id);
  if (i < 0 || doc.flow.nodes[i] === node) return doc;
  const nodes = doc.flow.nodes.slice();
  nodes[i] = node;
  return { ...doc, flow: { ...doc.flow, nodes } };
}

/** Rename a node and every reference to it (exits, start, interrupts, soft timeout, layout). */
export function renameNode(doc: EditorDoc, from: string, to: string): EditorDoc {
  if (from === to || !to || takenIds(doc).has(to)) return doc;
  const swap = (id: string | null | undefined) => (id === from ? to : id);
  const nodes = doc.flow.nodes.map((n) => {
    const exits = n.exits && Object.values(n.exits).includes(from) ? mapExits(n.exits, swap) : n.exits;
    if (n.id !== from && exits === n.exits) return n;
    return { ...n, id: n.id === from ? to : n.id, ...(exits ? { exits } : {}) } as FlowNode;
  });
  const flow: Flow = { ...doc.flow, nodes, start: doc.flow.start === from ? to : doc.flow.start };
  if (flow.interrupts?.some((x) => x.target === from)) {
    flow.interrupts = flow.interrupts.map((x) => (x.target === from ? { ...x, target: to } : x));
  }
  if (flow.settings?.softTimeout?.node === from) {
    flow.settings = { ...flow.settings, softTimeout: { ...flow.settings.softTimeout, node: to } };
  }
  const positions = renameKey(doc.layout.positions, from, to);
  return { flow, layout: { ...doc.layout, positions } };
}

/**
 * Point `source`'s exit `exit` at `target`. `null` ends the branch on purpose
 * (kept in the file as `null`); `undefined` removes the exit (not connected).
 */
export function connect(doc: EditorDoc, source: string, exit: string, target: string | null | undefined): EditorDoc {
  const node = findNode(doc.flow, source);
  if (!node) return doc;
  if (node.exits?.[exit] === target && (target !== undefined || !(exit in (node.exits ?? {})))) return doc;
  const exits = { ...(node.exits ?? {}) };
  if (target === undefined) delete exits[exit];
  else exits[exit] = target;
  const next = { ...node } as FlowNode;
  if (Object.keys(exits).length) next.exits = exits;
  else delete next.exits;
  return updateNode(doc, next);
}

export function moveNodes(doc: EditorDoc, moved: Record<string, Position>): EditorDoc {
  const positions = { ...doc.layout.positions };
  let notes = doc.layout.notes;
  for (const [id, p] of Object.entries(moved)) {
    if (id in positions || findNode(doc.flow, id)) positions[id] = round(p);
    else if (notes?.some((n) => n.id === id)) notes = notes.map((n) => (n.id === id ? { ...n, ...round(p) } : n));
  }
  return { ...doc, layout: { ...doc.layout, positions, ...(notes ? { notes } : {}) } };
}

/** Delete nodes, notes and edges (edge = `${source}\u0000${exit}`). Exits into deleted nodes are removed. */
export function deleteElements(
  doc: EditorDoc,
  sel: { nodeIds?: Iterable<string>; edges?: Array<{ source: string; exit: string }> },
): EditorDoc {
  const gone = new Set(sel.nodeIds ?? []);
  const cut = new Map<string, Set<string>>();
  for (const e of sel.edges ?? []) {
    if (!cut.has(e.source)) cut.set(e.source, new Set());
    cut.get(e.source)!.add(e.exit);
  }
  if (!gone.size && !cut.size) return doc;
  const nodes: FlowNode[] = [];
  for (const n of doc.flow.nodes) {
    if (gone.has(n.id)) continue;
    const drop = cut.get(n.id);
    if (!n.exits || !Object.entries(n.exits).some(([k, t]) => drop?.has(k) || (t !== null && gone.has(t)))) {
      nodes.push(n);
      continue;
    }
    const exits: Record<string, string | null> = {};
    for (const [k, t] of Object.entries(n.exits)) if (!drop?.has(k) && !(t !== null && gone.has(t))) exits[k] = t;
    const next = { ...n } as FlowNode;
    if (Object.keys(exits).length) next.exits = exits;
    else delete next.exits;
    nodes.push(next);
  }
  const positions = Object.fromEntries(Object.entries(doc.layout.positions).filter(([id]) => !gone.has(id)));
  const notes = doc.layout.notes?.filter((n) => !gone.has(n.id));
  const layout: FlowLayout = { ...doc.layout, positions };
  if (notes) layout.notes = notes;
  const flow = { ...doc.flow, nodes };
  if (gone.has(flow.start)) flow.start = nodes[0]?.id ?? '';
  return { flow, layout };
}

export function setStart(doc: EditorDoc, id: string): EditorDoc {
  return doc.flow.start === id ? doc : { ...doc, flow: { ...doc.flow, start: id } };
}

export function addNote(doc: EditorDoc, note: StickyNote): EditorDoc {
  return { ...doc, layout: { ...doc.layout, notes: [...(doc.layout.notes ?? []), { ...note, ...round(note) }] } };
}

export function updateNote(doc: EditorDoc, id: string, patch: Partial<StickyNote>): EditorDoc {
  const notes = (doc.layout.notes ?? []).map((n) => (n.id === id ? { ...n, ...patch } : n));
  return { ...doc, layout: { ...doc.layout, notes } };
}

export function updateFlow(doc: EditorDoc, patch: Partial<Flow>): EditorDoc {
  return { ...doc, flow: { ...doc.flow, ...patch } };
}

function mapExits(exits: Record<string, string | null>, f: (t: string | null) => string | null | undefined) {
  return Object.fromEntries(Object.entries(exits).map(([k, t]) => [k, f(t) ?? null]));
}

function renameKey<T>(rec: Record<string, T>, from: string, to: string): Record<string, T> {
  if (!(from in rec)) return rec;
  // Keep key order so the layout file diff stays one line.
  return Object.fromEntries(Object.entries(rec).map(([k, v]) => [k === from ? to : k, v]));
}

/** Whole pixels: sub-pixel drag noise must not show up in the layout diff. */
function round<T extends Position>(p: T): T {
  return { ...p, x: Math.round(p.x), y: Math.round(p.y) };
}
