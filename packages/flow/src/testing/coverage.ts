/**
 * Which nodes and exits of a flow its transcript tests exercise: the union of what the
 * engine reported visiting across the tests, against every node and every exit that leads
 * somewhere. Untested branches are where flows break in production.
 */
import type { Flow } from '../types';
import type { TestResult } from './types';

export interface FlowCoverage {
  flowId: string;
  nodes: { covered: number; total: number; missing: string[] };
  /** Exits with a target node, as `nodeId→exit`. */
  exits: { covered: number; total: number; missing: string[] };
}

export function flowCoverage(flow: Flow, results: readonly TestResult[]): FlowCoverage {
  const visited = new Set(results.flatMap((result) => result.visited));
  const taken = new Set(results.flatMap((result) => result.exits));
  const nodeIds = flow.nodes.map((node) => node.id);
  const exits = flow.nodes.flatMap((node) =>
    Object.entries(node.exits ?? {}).flatMap(([exit, target]) =>
      target ? [{ key: `${node.id}:${exit}`, label: `${node.id}→${exit}` }] : [],
    ),
  );
  const missingNodes = nodeIds.filter((id) => !visited.has(id));
  const missingExits = exits.filter((exit) => !taken.has(exit.key)).map((exit) => exit.label);
  return {
    flowId: flow.id,
    nodes: { covered: nodeIds.length - missingNodes.length, total: nodeIds.length, missing: missingNodes },
    exits: { covered: exits.length - missingExits.length, total: exits.length, missing: missingExits },
  };
}
