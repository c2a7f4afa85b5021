/**
 * Copy/paste of nodes and sticky notes, as plain JSON text so it travels through
 * the system clipboard between flows and browser tabs. Pasting renames ids that
 * already exist and keeps only the connections inside the pasted group.
 */
import type { FlowNode, VariableDecl } from '@parley/flow';
import { addNote, takenIds, uniqueId, type EditorDoc, type Position, type StickyNote } from './doc';

const CLIPBOARD_KIND = 'parley/nodes@1';

export interface ClipboardPayload {
  kind: typeof CLIPBOARD_KIND;
  nodes: FlowNode[];
  positions: Record<string, Position>;
  notes: StickyNote[];
  /** Declarations of variables the copied nodes may use, so a paste into another flow keeps them. */
  variables: Record<string, VariableDecl>;
}

export function copySelection(doc: EditorDoc, ids: Iterable<string>): ClipboardPayload | null {
  const wanted = new Set(ids);
  const nodes = doc.flow.nodes.filter((n) => wanted.has(n.id));
  const notes = (doc.layout.notes ?? []).filter((n) => wanted.has(n.id));
  if (!nodes.length && !notes.length) return null;
  const positions: Record<string, Position> = {};
  for (const n of nodes) positions[n.id] = doc.layout.positions[n.id] ?? { x: 0, y: 0 };
  const text = JSON.stringify(nodes);
  const variables = Object.fromEntries(
    Object.entries(doc.flow.variables ?? {}).filter(([name]) => new RegExp(`\\b${escapeRe(name)}\\b`).test(text)),
  );
  return { kind: CLIPBOARD_KIND, nodes, positions, notes, variables };
}

export function serializeClipboard(p: ClipboardPayload): string {
  return JSON.stringify(p);
}

/** Parse clipboard text; anything that is not a Parley payload gives null (pasting plain text is not an error). */
export function parseClipboard(text: string): ClipboardPayload | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const p = v as Partial<ClipboardPayload>;
  if (p.kind !== CLIPBOARD_KIND || !Array.isArray(p.nodes)) return null;
  const nodes = p.nodes.filter(
    (n): n is FlowNode => !!n && typeof n === 'object' && typeof n.id === 'string' && typeof n.type === 'string',
  );
  return {
    kind: CLIPBOARD_KIND,
    nodes,
    positions: isRecord(p.positions) ? (p.positions as Record<string, Position>) : {},
    notes: Array.isArray(p.notes) ? p.notes.filter((n) => n && typeof n.id === 'string') : [],
    variables: isRecord(p.variables) ? (p.variables as Record<string, VariableDecl>) : {},
  };
}

/**
 * Insert a payload so its top-left corner lands at `at`. Returns the new doc and
 * the ids of what was pasted (to select them).
 */
export function pastePayload(doc: EditorDoc, p: ClipboardPayload, at: Position): { doc: EditorDoc; ids: string[] } {
  const taken = takenIds(doc);
  const rename = new Map<string, string>();
  for (const n of p.nodes) {
    const id = uniqueId(n.id, taken);
    taken.add(id);
    rename.set(n.id, id);
  }
  const all = [...Object.values(p.positions), ...p.notes];
  const minX = all.length ? Math.min(...all.map((q) => q.x)) : 0;
  const minY = all.length ? Math.min(...all.map((q) => q.y)) : 0;
  const shift = (q: Position) => ({ x: Math.round(q.x - minX + at.x), y: Math.round(q.y - minY + at.y) });

  const pasted: FlowNode[] = p.nodes.map((n) => {
    const copy = structuredClone(n) as FlowNode;
    copy.id = rename.get(n.id)!;
    if (n.exits) {
      const exits: Record<string, string | null> = {};
      for (const [k, t] of Object.entries(n.exits)) if (t !== null && rename.has(t)) exits[k] = rename.get(t)!;
      if (Object.keys(exits).length) copy.exits = exits;
      else delete copy.exits;
    }
    return copy;
  });
  const positions = { ...doc.layout.positions };
  for (const n of p.nodes) positions[rename.get(n.id)!] = shift(p.positions[n.id] ?? { x: minX, y: minY });
  const variables = { ...(doc.flow.variables ?? {}) };
  let addedVars = false;
  for (const [name, decl] of Object.entries(p.variables)) {
    if (!(name in variables)) {
      variables[name] = decl;
      addedVars = true;
    }
  }
  const flow = { ...doc.flow, nodes: [...doc.flow.nodes, ...pasted] };
  if (addedVars) flow.variables = variables;
  if (!flow.start && pasted[0]) flow.start = pasted[0].id;
  let next: EditorDoc = { flow, layout: { ...doc.layout, positions } };
  const ids = pasted.map((n) => n.id);
  for (const note of p.notes) {
    const id = uniqueId(note.id, taken);
    taken.add(id);
    ids.push(id);
    next = addNote(next, { ...note, id, ...shift(note) });
  }
  return { doc: next, ids };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
