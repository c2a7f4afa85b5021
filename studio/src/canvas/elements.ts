/**
 * Derives React Flow nodes and edges from the document. Results are cached per
 * node so that, in a 500-node flow, dragging one node re-creates one node object,
 * not 500 (React Flow skips re-rendering nodes whose object did not change).
 */
import type { Edge, Node } from '@xyflow/react';
import type { FlowNode } from '@parley/flow';
import { nodeExits } from '@parley/flow';
import type { EditorDoc, StickyNote } from '../model/doc';

export interface NodeDecoration {
  errors: string[];
  warnings: string[];
  /** Exit names with an issue (dangling, missing…). */
  badExits: string[];
  active: boolean;
  visits?: number;
  dropOff?: number;
  dimmed: boolean;
}

export interface FlowNodeData extends Record<string, unknown> {
  node: FlowNode;
  exits: string[];
  isStart: boolean;
  deco: NodeDecoration | undefined;
}

export interface NoteData extends Record<string, unknown> {
  note: StickyNote;
}

export interface EdgeData extends Record<string, unknown> {
  source: string;
  exit: string;
}

export type StudioNode = Node<FlowNodeData, 'flow'> | Node<NoteData, 'note'>;

export interface BuildInput {
  doc: EditorDoc;
  selected: ReadonlySet<string>;
  measured: ReadonlyMap<string, { width: number; height: number }>;
  decorations: ReadonlyMap<string, NodeDecoration>;
}

/** Exits to draw handles for: the type's exits, plus any stale keys so nothing is silently hidden. */
export function exitsOf(node: FlowNode): string[] {
  let names: string[];
  try {
    names = nodeExits(node);
  } catch {
    // A half-edited node (e.g. buttons not an array yet) must not break the canvas.
    names = [];
  }
  const extra = Object.keys(node.exits ?? {}).filter((k) => !names.includes(k));
  return extra.length ? [...names, ...extra] : names;
}

export function edgeId(source: string, exit: string): string {
  return `${source}→${exit}`;
}

export class ElementBuilder {
  private cache = new Map<string, { key: unknown[]; value: StudioNode }>();
  private exitCache = new WeakMap<FlowNode, string[]>();

  nodes({ doc, selected, measured, decorations }: BuildInput): StudioNode[] {
    const out: StudioNode[] = [];
    const seen = new Set<string>();
    const origin = { x: 0, y: 0 };
    doc.flow.nodes.forEach((n, i) => {
      const position = doc.layout.positions[n.id] ?? { x: 40 + (i % 6) * 280, y: 40 + Math.floor(i / 6) * 220 };
      const key = [n, position.x, position.y, selected.has(n.id), measured.get(n.id), decorations.get(n.id), doc.flow.start === n.id];
      out.push(
        this.memo(n.id, key, () => {
          let exits = this.exitCache.get(n);
          if (!exits) this.exitCache.set(n, (exits = exitsOf(n)));
          const m = measured.get(n.id);
          return {
            id: n.id,
            type: 'flow',
            position,
            selected: selected.has(n.id),
            data: { node: n, exits, isStart: doc.flow.start === n.id, deco: decorations.get(n.id) },
            // An estimate until the browser measures the node: React Flow treats unmeasured nodes as
            // visible, so without it a big flow would mount all its nodes once before culling them.
            measured: m ?? { width: 240, height: 80 + 20 * exits.length },
            ariaLabel: `${n.type} node ${n.label ?? n.id}`,
          };
        }),
      );
      seen.add(n.id);
    });
    for (const note of doc.layout.notes ?? []) {
      const m = measured.get(note.id);
      const key = [note, selected.has(note.id), m];
      out.push(
        this.memo(note.id, key, () => ({
          id: note.id,
          type: 'note',
          position: { x: note.x ?? origin.x, y: note.y ?? origin.y },
          selected: selected.has(note.id),
          data: { note },
          style: { width: note.width ?? 200, height: note.height ?? 120 },
          zIndex: -1,
          ...(m ? { measured: m } : {}),
          ariaLabel: 'Sticky note',
        })),
      );
      seen.add(note.id);
    }
    for (const id of this.cache.keys()) if (!seen.has(id)) this.cache.delete(id);
    return out;
  }

  private memo(id: string, key: unknown[], make: () => StudioNode): StudioNode {
    const hit = this.cache.get(id);
    if (hit && hit.key.length === key.length && hit.key.every((k, i) => k === key[i])) return hit.value;
    const value = make();
    this.cache.set(id, { key, value });
    return value;
  }
}

/**
 * Edges of the flow. Edge objects are reused while their node, selection,
 * issue and count are unchanged, so typing in one node re-renders its edges only.
 */
export class EdgeBuilder {
  private cache = new Map<string, { key: unknown[]; value: Edge<EdgeData> }>();

  edges(
    doc: EditorDoc,
    selectedEdges: ReadonlySet<string>,
    badEdges: ReadonlySet<string>,
    edgeCounts?: ReadonlyMap<string, number>,
  ): Edge<EdgeData>[] {
    const ids = new Set(doc.flow.nodes.map((n) => n.id));
    const edges: Edge<EdgeData>[] = [];
    const seen = new Set<string>();
    for (const n of doc.flow.nodes) {
      for (const [exit, target] of Object.entries(n.exits ?? {})) {
        if (target === null || !ids.has(target)) continue;
        const id = edgeId(n.id, exit);
        const count = edgeCounts?.get(id);
        const bad = badEdges.has(id);
        const selected = selectedEdges.has(id);
        const key = [n, target, selected, bad, count];
        const hit = this.cache.get(id);
        seen.add(id);
        if (hit && hit.key.every((k, i) => k === key[i])) {
          edges.push(hit.value);
          continue;
        }
        const value: Edge<EdgeData> = {
          id,
          source: n.id,
          sourceHandle: exit,
          target,
          targetHandle: 'in',
          selected,
          data: { source: n.id, exit },
          className: bad ? 'edge-error' : undefined,
          ...(count !== undefined ? { label: String(count), className: `${bad ? 'edge-error ' : ''}edge-analytics` } : {}),
          ariaLabel: `Connection from ${n.id} (${exit}) to ${target}`,
        };
        this.cache.set(id, { key, value });
        edges.push(value);
      }
    }
    for (const id of this.cache.keys()) if (!seen.has(id)) this.cache.delete(id);
    return edges;
  }
}
