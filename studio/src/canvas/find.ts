/** Find a node by its text: id, label, and every string inside it (all languages). */
import type { FlowNode } from '@parley/flow';

const textCache = new WeakMap<FlowNode, string>();

function searchableText(node: FlowNode): string {
  let t = textCache.get(node);
  if (t === undefined) {
    const parts: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') parts.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'exits') walk(x);
    };
    walk(node);
    t = parts.join('\n').toLowerCase();
    textCache.set(node, t);
  }
  return t;
}

export function findNodes(nodes: readonly FlowNode[], query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  return nodes.filter((n) => searchableText(n).includes(q)).map((n) => n.id);
}
