/**
 * The flow as a graph: ids, exits and the paths between nodes. Reports
 * duplicate ids, a missing start, exits the node type does not have, exits that
 * point nowhere, required exits that are missing, unreachable nodes, and loops
 * in which no node waits (they would spin until the engine's step cap).
 */
import { nodeDefinition } from '../nodes/registry';
import type { Flow, FlowNode } from '../types';
import type { ValidationIssue } from './issue';
import { issue, joinPointer } from './issue';
import { didYouMean } from './suggest';

/** Node ids by array index, skipping duplicates (the first one wins, as in the engine). */
function indexNodes(flow: Flow): Map<string, number> {
  const byId = new Map<string, number>();
  flow.nodes.forEach((node, i) => {
    if (!byId.has(node.id)) byId.set(node.id, i);
  });
  return byId;
}

/** Exit name → target index for the exits that are allowed and resolve. */
function edgesOf(node: FlowNode, byId: Map<string, number>): number[] {
  const allowed = new Set(nodeDefinition(node).exits(node));
  const targets: number[] = [];
  for (const [name, target] of Object.entries(node.exits ?? {})) {
    if (!allowed.has(name) || target === null) continue;
    const index = byId.get(target);
    if (index !== undefined) targets.push(index);
  }
  return targets;
}

function checkIds(flow: Flow, byId: Map<string, number>): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  flow.nodes.forEach((node, i) => {
    const first = byId.get(node.id);
    if (first !== i) {
      found.push(
        issue(
          'error',
          'duplicate-node-id',
          `Node id '${node.id}' at /nodes/${i} is already used by /nodes/${first}; node ids must be unique.`,
          joinPointer('', 'nodes', i, 'id'),
          node.id,
        ),
      );
    }
  });
  if (!byId.has(flow.start)) {
    found.push(
      issue(
        'error',
        'start-missing',
        `The start node '${flow.start}' does not exist; set "start" to the id of one of the nodes.`,
        '/start',
      ),
    );
  }
  return found;
}

function checkExits(flow: Flow, byId: Map<string, number>): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  flow.nodes.forEach((node, i) => {
    const def = nodeDefinition(node);
    const allowed = def.exits(node);
    const exits = node.exits ?? {};
    const base = joinPointer('', 'nodes', i);
    for (const [name, target] of Object.entries(exits)) {
      const at = joinPointer(base, 'exits', name);
      if (!allowed.includes(name)) {
        const expected = allowed.length === 0 ? `${node.type} nodes have no exits` : `its exits are ${allowed.join(', ')}`;
        found.push(
          issue(
            'error',
            'unknown-exit',
            `Node '${node.id}' (${node.type}) has no exit '${name}'; ${expected}.${didYouMean(name, allowed)}`,
            at,
            node.id,
          ),
        );
        continue;
      }
      if (target !== null && !byId.has(target)) {
        found.push(
          issue(
            'error',
            'dangling-exit',
            `Exit '${name}' of node '${node.id}' points to '${target}', which is not a node in this flow.${didYouMean(target, byId.keys())}`,
            at,
            node.id,
          ),
        );
      }
    }
    for (const name of def.requiredExits(node)) {
      if (!Object.hasOwn(exits, name)) {
        found.push(
          issue(
            'error',
            'missing-exit',
            `Node '${node.id}' (${node.type}) has no '${name}' exit; connect it, or set it to null to end the conversation there.`,
            joinPointer(base, 'exits'),
            node.id,
          ),
        );
      }
    }
  });
  return found;
}

/** Entry points besides `start`: interrupt targets, the soft-timeout nudge and the template failure step. */
function entryPoints(flow: Flow, byId: Map<string, number>): number[] {
  const ids = [flow.start, ...(flow.interrupts ?? []).map((i) => i.target)];
  if (flow.settings?.softTimeout) ids.push(flow.settings.softTimeout.node);
  if (flow.settings?.templateFailure !== undefined) ids.push(flow.settings.templateFailure);
  return ids.map((id) => byId.get(id)).filter((i): i is number => i !== undefined);
}

function checkReachable(flow: Flow, byId: Map<string, number>, edges: number[][]): ValidationIssue[] {
  const seen = new Set<number>(entryPoints(flow, byId));
  const queue = [...seen];
  while (queue.length > 0) {
    for (const next of edges[queue.pop()!]!) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  const found: ValidationIssue[] = [];
  flow.nodes.forEach((node, i) => {
    if (!seen.has(i) && byId.get(node.id) === i) {
      found.push(
        issue(
          'warning',
          'unreachable-node',
          `Node '${node.id}' can never be reached from the start node, an interrupt or the soft timeout.`,
          joinPointer('', 'nodes', i),
          node.id,
        ),
      );
    }
  });
  return found;
}

/**
 * Strongly connected components among nodes that do not wait (iterative
 * Tarjan). A component with more than one node, or a node that exits to
 * itself, is a loop the engine would run without ever stopping for input.
 */
function waitlessLoops(flow: Flow, edges: number[][]): number[][] {
  const n = flow.nodes.length;
  const waits = flow.nodes.map((node) => nodeDefinition(node).waits(node));
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const loops: number[][] = [];
  let counter = 0;
  const out = (v: number) => (waits[v] ? [] : edges[v]!.filter((w) => !waits[w]));

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1 || waits[root]) continue;
    const work: Array<{ v: number; next: number; targets: number[] }> = [{ v: root, next: 0, targets: out(root) }];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.next < frame.targets.length) {
        const w = frame.targets[frame.next++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push({ v: w, next: 0, targets: out(w) });
        } else if (onStack[w]) {
          low[frame.v] = Math.min(low[frame.v]!, index[w]!);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent.v] = Math.min(low[parent.v]!, low[frame.v]!);
      if (low[frame.v] === index[frame.v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component.push(w);
        } while (w !== frame.v);
        if (component.length > 1 || frame.targets.includes(frame.v)) loops.push(component.sort((a, b) => a - b));
      }
    }
  }
  return loops.sort((a, b) => a[0]! - b[0]!);
}

/**
 * `partial`: some nodes were replaced by placeholders because their structure is
 * invalid; their edges are unknown, so reachability is not judged.
 */
export function lintGraph(flow: Flow, partial = false): ValidationIssue[] {
  const byId = indexNodes(flow);
  const edges = flow.nodes.map((node) => edgesOf(node, byId));
  const found = [...checkIds(flow, byId), ...checkExits(flow, byId), ...(partial ? [] : checkReachable(flow, byId, edges))];
  for (const loop of waitlessLoops(flow, edges)) {
    const first = loop[0]!;
    const ids = loop.map((i) => `'${flow.nodes[i]!.id}'`).join(', ');
    const what = loop.length === 1 ? `Node ${ids} exits to itself` : `Nodes ${ids} form a loop`;
    found.push(
      issue(
        'error',
        'loop-without-wait',
        `${what} and no node in the loop waits for the user or a result, so it would run until the step cap; add an ask, a message with choices or a wait to the loop.`,
        joinPointer('', 'nodes', first),
        flow.nodes[first]!.id,
      ),
    );
  }
  return found;
}
