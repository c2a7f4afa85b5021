/**
 * The editor's state: the document under undo/redo, what is selected, and the
 * revision the draft is based on (for optimistic concurrency on save).
 */
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { nodeDefinition, type FlowNode } from '@parley/flow';
import { History, type CommitOptions } from '../model/history';
import * as edit from '../model/doc';
import type { EditorDoc, Position } from '../model/doc';
import { copySelection, parseClipboard, pastePayload, serializeClipboard } from '../model/clipboard';
import { editorFor } from '../nodes/registry';

export const CLIPBOARD_STORAGE_KEY = 'parley.clipboard';
const EMPTY = new Set<string>();

interface EditorState {
  doc: EditorDoc;
  canUndo: boolean;
  canRedo: boolean;
  selected: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  dirty: boolean;
  baseRevision: string;
}

/** A new node's default variable (e.g. an ask's "answer") is declared with it, so it validates at once. */
function declareWrites(doc: EditorDoc, node: FlowNode): EditorDoc {
  let writes: string[];
  try {
    writes = nodeDefinition(node)
      .references(node as never)
      .writes.map((w) => w.variable.split('.')[0]!);
  } catch {
    return doc;
  }
  const missing = writes.filter((v) => !doc.flow.variables?.[v]);
  if (!missing.length) return doc;
  const type = node.type === 'ask' && node.expect === 'number' ? 'number' : 'string';
  const variables = { ...(doc.flow.variables ?? {}) };
  for (const v of missing) variables[v] = { type };
  return edit.updateFlow(doc, { variables });
}

/** Nudge a new node right/down until it does not cover an existing one. */
function freeSpot(doc: EditorDoc, at: Position): Position {
  const boxes = Object.values(doc.layout.positions);
  let { x, y } = at;
  for (let tries = 0; tries < 50 && boxes.some((b) => Math.abs(b.x - x) < 260 && Math.abs(b.y - y) < 140); tries++) {
    x += 280;
    if (tries % 4 === 3) {
      x = at.x;
      y += 180;
    }
  }
  return { x, y };
}

export function useEditor(initial: { doc: EditorDoc; revision: string }) {
  const history = useRef(new History<EditorDoc>(initial.doc)).current;
  const h = useSyncExternalStore(history.subscribe, history.getSnapshot);
  const [selected, setSelected] = useState<ReadonlySet<string>>(EMPTY);
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(EMPTY);
  const [saved, setSaved] = useState<EditorDoc>(initial.doc);
  const [baseRevision, setBaseRevision] = useState(initial.revision);
  const doc = h.present;
  const docRef = useRef(doc);
  docRef.current = doc;

  const commit = useCallback(
    (f: (d: EditorDoc) => EditorDoc, opts?: CommitOptions) => {
      history.commit(f(history.get().present), opts);
    },
    [history],
  );

  const actions = useMemo(
    () => ({
      commit,
      undo: () => history.undo(),
      redo: () => history.redo(),
      select(nodes: Iterable<string>, edges: Iterable<string> = []) {
        setSelected(new Set(nodes));
        setSelectedEdges(new Set(edges));
      },
      addNode(type: string, at: Position): string | null {
        const editor = editorFor(type);
        if (!editor) return null;
        const id = edit.uniqueId(type, edit.takenIds(history.get().present));
        const node = editor.create(id) as FlowNode;
        commit((d) => declareWrites(edit.addNode(d, node, freeSpot(d, at)), node));
        setSelected(new Set([id]));
        setSelectedEdges(EMPTY);
        return id;
      },
      updateNode(node: FlowNode, field?: string) {
        commit((d) => edit.updateNode(d, node), { coalesce: `node:${node.id}:${field ?? ''}` });
      },
      renameNode(from: string, to: string): boolean {
        const before = history.get().present;
        const after = edit.renameNode(before, from, to);
        if (after === before) return false;
        history.commit(after);
        setSelected(new Set([to]));
        return true;
      },
      move(moved: Record<string, Position>, done: boolean) {
        if (Object.keys(moved).length) commit((d) => edit.moveNodes(d, moved), { transient: true });
        if (done) history.checkpoint();
      },
      connect: (s: string, exit: string, t: string | null | undefined) => commit((d) => edit.connect(d, s, exit, t)),
      remove(nodeIds: string[], edges: Array<{ source: string; exit: string }>) {
        commit((d) => edit.deleteElements(d, { nodeIds, edges }));
        setSelected(EMPTY);
        setSelectedEdges(EMPTY);
      },
      setStart: (id: string) => commit((d) => edit.setStart(d, id)),
      addNote(at: Position) {
        const id = edit.uniqueId('note', edit.takenIds(history.get().present));
        commit((d) => edit.addNote(d, { id, x: at.x, y: at.y, width: 220, height: 120, text: '' }));
        setSelected(new Set([id]));
      },
      updateNote: (id: string, patch: Partial<edit.StickyNote>, opts?: CommitOptions) =>
        commit((d) => edit.updateNote(d, id, patch), opts ?? { coalesce: `note:${id}` }),
      declareVariable: (name: string) =>
        commit((d) =>
          d.flow.variables?.[name] ? d : edit.updateFlow(d, { variables: { ...(d.flow.variables ?? {}), [name]: { type: 'string' } } }),
        ),
      updateFlow: (patch: Parameters<typeof edit.updateFlow>[1], key?: string) =>
        commit((d) => edit.updateFlow(d, patch), key ? { coalesce: `flow:${key}` } : {}),
      applyPositions: (positions: Record<string, Position>) => commit((d) => edit.moveNodes(d, positions)),
      /** Clipboard text for the selection, or null when nothing is selected. */
      copy(ids: Iterable<string>): string | null {
        const payload = copySelection(history.get().present, ids);
        if (!payload) return null;
        const text = serializeClipboard(payload);
        try {
          // Other tabs read this when the system clipboard is not available to the page.
          localStorage.setItem(CLIPBOARD_STORAGE_KEY, text);
        } catch {
          /* storage full or disabled: the system clipboard still works */
        }
        return text;
      },
      paste(text: string, at: Position): string[] {
        const payload = parseClipboard(text);
        if (!payload) return [];
        const { doc: next, ids } = pastePayload(history.get().present, payload, at);
        history.commit(next);
        setSelected(new Set(ids));
        setSelectedEdges(EMPTY);
        return ids;
      },
      /** After a successful save: this document is now the server's revision. */
      markSaved(savedDoc: EditorDoc, revision: string) {
        setSaved(savedDoc);
        setBaseRevision(revision);
      },
      /** Load a document from the server (reload after a conflict, rollback…). */
      reset(next: EditorDoc, revision: string) {
        history.reset(next);
        setSaved(next);
        setBaseRevision(revision);
        setSelected(EMPTY);
        setSelectedEdges(EMPTY);
      },
    }),
    [commit, history],
  );

  const state: EditorState = {
    doc,
    canUndo: h.past.length > 0,
    canRedo: h.future.length > 0,
    selected,
    selectedEdges,
    dirty: saved.flow !== doc.flow || saved.layout !== doc.layout,
    baseRevision,
  };
  return { state, actions, docRef };
}

export type EditorActions = ReturnType<typeof useEditor>['actions'];
