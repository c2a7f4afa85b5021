/**
 * Auto-layout with ELK's layered algorithm (left → right, ports in exit order so
 * button branches fan out in the order of the buttons). elkjs is ~1.4 MB, so it is
 * loaded only when the marketer asks for a layout, never in the initial bundle.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { Flow } from '@parley/flow';
import { exitsOf } from './elements';

export type Size = { width: number; height: number };
const DEFAULT_SIZE: Size = { width: 240, height: 120 };

function toElkGraph(flow: Flow, sizes: ReadonlyMap<string, Size>): ElkNode {
  const ids = new Set(flow.nodes.map((n) => n.id));
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: flow.nodes.map((n) => {
      const size = sizes.get(n.id) ?? DEFAULT_SIZE;
      return {
        id: n.id,
        width: size.width,
        height: size.height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: [
          { id: `${n.id}::in`, layoutOptions: { 'elk.port.side': 'WEST' } },
          ...exitsOf(n).map((exit, i) => ({
            id: `${n.id}::out::${exit}`,
            layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) },
          })),
        ],
      };
    }),
    edges: flow.nodes.flatMap((n) =>
      Object.entries(n.exits ?? {})
        .filter((e): e is [string, string] => e[1] !== null && ids.has(e[1]))
        .map(([exit, target]) => ({ id: `${n.id}::${exit}`, sources: [`${n.id}::out::${exit}`], targets: [`${target}::in`] })),
    ),
  };
}

/** New positions for every node (whole pixels). */
export async function autoLayout(flow: Flow, sizes: ReadonlyMap<string, Size>): Promise<Record<string, { x: number; y: number }>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const result = await elk.layout(toElkGraph(flow, sizes));
  const positions: Record<string, { x: number; y: number }> = {};
  for (const c of result.children ?? []) positions[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
  return positions;
}
