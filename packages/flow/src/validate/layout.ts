/** Validation of flows/<id>.layout.json: structure, and agreement with its flow. */
import type { Flow, FlowLayout } from '../types';
import type { ValidationIssue } from './issue';
import { hasErrors, issue, joinPointer } from './issue';
import { checkHardLimits } from './limits';
import { validateLayoutStructure } from './schema';

export interface LayoutValidationResult {
  ok: boolean;
  layout?: FlowLayout;
  issues: ValidationIssue[];
}

export function validateLayout(input: unknown, flow?: Flow): LayoutValidationResult {
  try {
    // Layout positions are one entry per node, so the per-container limit must allow the node limit.
    const limits = checkHardLimits(input);
    if (limits.length > 0) return { ok: false, issues: limits };
    const structure = validateLayoutStructure(input);
    if (structure.length > 0) return { ok: false, issues: structure };
    const layout = input as FlowLayout;
    const found: ValidationIssue[] = [];
    if (flow) {
      if (layout.flowId !== flow.id) {
        found.push(issue('error', 'layout-flow-mismatch', `The layout belongs to flow '${layout.flowId}', not '${flow.id}'.`, '/flowId'));
      }
      const ids = new Set(flow.nodes.map((n) => n.id));
      for (const id of Object.keys(layout.positions)) {
        if (!ids.has(id))
          found.push(
            issue(
              'warning',
              'layout-unknown-node',
              `The layout positions the node '${id}', which is not in the flow.`,
              joinPointer('/positions', id),
            ),
          );
      }
    }
    return { ok: !hasErrors(found), layout, issues: found };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [issue('error', 'internal-error', `Layout validation stopped on an internal error: ${detail}`, '')] };
  }
}
