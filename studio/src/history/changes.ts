/**
 * What changed between two versions of a flow, per step: added, removed, which fields
 * changed, and which connections moved — the list a marketer reads instead of a JSON diff.
 */
import type { Flow, FlowNode } from '@parley/flow';

export interface EdgeChange {
  exit: string;
  /** The step it went to before (undefined: the exit was not connected / did not exist). */
  from: string | null | undefined;
  to: string | null | undefined;
}

interface NodeChange {
  nodeId: string;
  type: string;
  kind: 'added' | 'removed' | 'changed';
  /** Changed fields of a changed step (not its connections). */
  fields: string[];
  edges: EdgeChange[];
}

export interface FlowChanges {
  nodes: NodeChange[];
  /** Flow-level settings that changed (start, languages, variables, intents…). */
  settings: string[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function exitsOf(node: FlowNode): Record<string, string | null> {
  return (node as { exits?: Record<string, string | null> }).exits ?? {};
}

function edgeChanges(before: FlowNode | undefined, after: FlowNode | undefined): EdgeChange[] {
  const a = before ? exitsOf(before) : {};
  const b = after ? exitsOf(after) : {};
  const out: EdgeChange[] = [];
  for (const exit of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[exit] !== b[exit]) out.push({ exit, from: a[exit], to: b[exit] });
  }
  return out;
}

export function flowChanges(before: Flow, after: Flow): FlowChanges {
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const nodes: NodeChange[] = [];
  for (const n of after.nodes) {
    const prev = old.get(n.id);
    if (!prev) {
      nodes.push({ nodeId: n.id, type: n.type, kind: 'added', fields: [], edges: edgeChanges(undefined, n) });
      continue;
    }
    const keys = new Set([...Object.keys(prev), ...Object.keys(n)].filter((k) => k !== 'id' && k !== 'exits'));
    const fields = [...keys].filter(
      (k) => !same((prev as unknown as Record<string, unknown>)[k], (n as unknown as Record<string, unknown>)[k]),
    );
    const edges = edgeChanges(prev, n);
    if (fields.length || edges.length) nodes.push({ nodeId: n.id, type: n.type, kind: 'changed', fields, edges });
  }
  for (const n of before.nodes) {
    if (!now.has(n.id)) nodes.push({ nodeId: n.id, type: n.type, kind: 'removed', fields: [], edges: [] });
  }
  // The revision changes on every save; it is not a change anyone made.
  const flowKeys = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => k !== 'nodes' && k !== 'revision'));
  const settings = [...flowKeys].filter(
    (k) => !same((before as unknown as Record<string, unknown>)[k], (after as unknown as Record<string, unknown>)[k]),
  );
  return { nodes, settings };
}
