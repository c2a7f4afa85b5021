import schema from '../../../../../schemas/nodes/route.schema.json' with { type: 'json' };
import type { RouteNode } from '../../types';
import type { ValidationIssue } from '../../validate/issue';
import { issue, joinPointer } from '../../validate/issue';
import { addTemplate, checkChoiceIds, clip, emptyReferences } from '../helpers';
import type { LintContext, NodeDefinition } from '../types';

function lint(node: RouteNode, ctx: LintContext): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  if (node.cases.length === 0) {
    found.push(
      issue(
        'warning',
        'route-no-cases',
        `Route node '${node.id}' has no cases, so it always takes 'default'.`,
        joinPointer(ctx.path, 'cases'),
        node.id,
      ),
    );
  }
  found.push(...checkChoiceIds(ctx, node.id, node.cases, (i) => ['cases', i], ['default'], 'case'));
  return found;
}

export const routeNode: NodeDefinition<RouteNode> = {
  type: 'route',
  schema,
  create: (id) => ({ id, type: 'route', cases: [] }),
  exits: (node) => [...node.cases.map((c) => c.id), 'default'],
  requiredExits: (node) => node.cases.map((c) => c.id),
  waits: () => false,
  lint,
  references(node) {
    const refs = emptyReferences();
    addTemplate(refs, node.operand, ['operand']);
    node.cases.forEach((c, i) => refs.tests.push({ at: ['cases', i, 'test'], test: c.test }));
    return refs;
  },
  summary: (node) =>
    `route ${clip(node.operand ?? '{{input.text}}', 30)}: ${node.cases.map((c) => `${c.id}=${c.test.op}`).join(', ') || '(no cases)'}`,
};
