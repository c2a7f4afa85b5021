/**
 * Runs each node definition's own rules (channel limits, field combinations),
 * plus the checks that need the outside world: the templates (template-lint.ts) and subflows.
 */
import { nodeDefinition } from '../nodes/registry';
import type { Flow, SubflowNode } from '../types';
import type { ValidationIssue } from './issue';
import { issue, joinPointer } from './issue';
import type { ValidateOptions } from './options';
import { checkOutsideWindow, checkTemplateNode } from './template-lint';

/** Params must land in variables the child declares; returns must read variables it declares. */
function checkSubflowContract(node: SubflowNode, path: string, options: ValidateOptions): ValidationIssue[] {
  if (!options.resolveFlow) return [];
  let child: Flow | undefined;
  try {
    child = options.resolveFlow(node.flow);
  } catch {
    child = undefined;
  }
  // A missing child is reported as unknown-subflow by the reference lint.
  if (!child || typeof child !== 'object') return [];
  const declared = child.variables ?? {};
  const found: ValidationIssue[] = [];
  for (const name of Object.keys(node.params ?? {})) {
    if (!Object.hasOwn(declared, name)) {
      found.push(
        issue(
          'warning',
          'subflow-param-undeclared',
          `Node '${node.id}' passes '${name}' to flow '${node.flow}', which declares no variable '${name}', so the child cannot use it.`,
          joinPointer(path, 'params', name),
          node.id,
        ),
      );
    }
  }
  for (const [caller, childVariable] of Object.entries(node.returns ?? {})) {
    if (!Object.hasOwn(declared, childVariable)) {
      found.push(
        issue(
          'error',
          'subflow-return-undeclared',
          `Node '${node.id}' copies '${childVariable}' back from flow '${node.flow}' into '${caller}', but that flow declares no variable '${childVariable}'.`,
          joinPointer(path, 'returns', caller),
          node.id,
        ),
      );
    }
  }
  return found;
}

export function lintNodes(flow: Flow, options: ValidateOptions): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  const defaultLanguage = flow.languages[0]!;
  flow.nodes.forEach((node, i) => {
    const path = joinPointer('', 'nodes', i);
    found.push(...nodeDefinition(node).lint(node, { flow, path, defaultLanguage }));
    if (node.type === 'template') found.push(...checkTemplateNode(node, path, flow, options));
    if (node.type === 'message' || node.type === 'ask') found.push(...checkOutsideWindow(node, path, flow, options));
    if (node.type === 'subflow') found.push(...checkSubflowContract(node, path, options));
  });
  return found;
}
