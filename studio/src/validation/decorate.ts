/**
 * Turns validation issues into what the canvas and inspector show: badges per
 * node, red exits/edges, and issues per field path inside a node.
 */
import type { Flow } from '@parley/flow';
import type { ValidationIssue } from '@parley/contract';
import { edgeId, type NodeDecoration } from '../canvas/elements';

export interface IssueIndex {
  byNode: Map<string, ValidationIssue[]>;
  /** Issues not tied to a node (flow settings, intents, languages…). */
  flowLevel: ValidationIssue[];
  badEdges: Set<string>;
  badExits: Map<string, string[]>;
}

const NODE_PATH = /^\/nodes\/(\d+)(\/.*)?$/;

/** The node an issue belongs to and the JSON pointer below that node ("" for the node itself). */
export function locateIssue(flow: Flow, issue: ValidationIssue): { nodeId?: string; subPath: string } {
  const m = NODE_PATH.exec(issue.path);
  const byIndex = m ? flow.nodes[Number(m[1])]?.id : undefined;
  const nodeId = issue.nodeId ?? byIndex;
  const subPath = m && (!issue.nodeId || issue.nodeId === byIndex) ? (m[2] ?? '') : '';
  return nodeId ? { nodeId, subPath } : { subPath };
}

export function indexIssues(flow: Flow, issues: readonly ValidationIssue[]): IssueIndex {
  const byNode = new Map<string, ValidationIssue[]>();
  const flowLevel: ValidationIssue[] = [];
  const badEdges = new Set<string>();
  const badExits = new Map<string, string[]>();
  for (const issue of issues) {
    const { nodeId, subPath } = locateIssue(flow, issue);
    if (!nodeId) {
      flowLevel.push(issue);
      continue;
    }
    if (!byNode.has(nodeId)) byNode.set(nodeId, []);
    byNode.get(nodeId)!.push(issue);
    const exit = /^\/exits\/([^/]+)/.exec(subPath)?.[1];
    if (exit !== undefined) {
      const name = exit.replace(/~1/g, '/').replace(/~0/g, '~');
      badEdges.add(edgeId(nodeId, name));
      if (!badExits.has(nodeId)) badExits.set(nodeId, []);
      badExits.get(nodeId)!.push(name);
    }
  }
  return { byNode, flowLevel, badEdges, badExits };
}

export interface DecorationInput {
  index: IssueIndex;
  activeNode?: string | null;
  visited?: ReadonlySet<string>;
  analytics?: Record<string, { visits: number; dropOff: number }>;
  /** Ids matching the find box; others are dimmed while a search is active. */
  matches?: ReadonlySet<string> | null;
}

/**
 * One decoration object per decorated node. Objects are reused when nothing
 * about a node changed (`prev`), so the canvas only re-renders what changed.
 */
export function decorate(flow: Flow, input: DecorationInput, prev?: ReadonlyMap<string, NodeDecoration>): Map<string, NodeDecoration> {
  const out = new Map<string, NodeDecoration>();
  for (const n of flow.nodes) {
    const issues = input.index.byNode.get(n.id) ?? [];
    const stats = input.analytics?.[n.id];
    const active = input.activeNode === n.id;
    const dimmed = !!input.matches && !input.matches.has(n.id);
    if (!issues.length && !stats && !active && !dimmed) continue;
    const deco: NodeDecoration = {
      errors: issues.filter((i) => i.severity === 'error').map((i) => i.message),
      warnings: issues.filter((i) => i.severity === 'warning').map((i) => i.message),
      badExits: input.index.badExits.get(n.id) ?? [],
      active,
      dimmed,
      ...(stats ? { visits: stats.visits, dropOff: stats.dropOff } : {}),
    };
    const old = prev?.get(n.id);
    out.set(n.id, old && sameDeco(old, deco) ? old : deco);
  }
  return out;
}

function sameDeco(a: NodeDecoration, b: NodeDecoration): boolean {
  return (
    a.active === b.active &&
    a.dimmed === b.dimmed &&
    a.visits === b.visits &&
    a.dropOff === b.dropOff &&
    a.errors.join('\n') === b.errors.join('\n') &&
    a.warnings.join('\n') === b.warnings.join('\n') &&
    a.badExits.join('\n') === b.badExits.join('\n')
  );
}
