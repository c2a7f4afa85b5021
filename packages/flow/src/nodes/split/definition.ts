import schema from '../../../../../schemas/nodes/split.schema.json' with { type: 'json' };
import type { SplitNode } from '../../types';
import type { ValidationIssue } from '../../validate/issue';
import { issue, joinPointer } from '../../validate/issue';
import { checkChoiceIds, clip, emptyReferences } from '../helpers';
import type { LintContext, NodeDefinition } from '../types';
import { branchShares } from './pick';

/** The variable the engine records each split's choice in: `split.<node id>` = branch id. */
export const SPLIT_VARIABLE = 'split';

function lint(node: SplitNode, ctx: LintContext): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  const branches = Array.isArray(node.branches) ? node.branches : [];
  found.push(...checkChoiceIds(ctx, node.id, branches, (i) => ['branches', i], [], 'branch'));
  if (branches.length > 0 && branches.every((b) => b.weight === 0)) {
    found.push(
      issue(
        'error',
        'split-zero-weights',
        `Every branch of node '${node.id}' has weight 0, so no contact could be sent anywhere; give at least one branch a weight above 0.`,
        joinPointer(ctx.path, 'branches'),
        node.id,
      ),
    );
  }
  const declared = ctx.flow.variables?.[SPLIT_VARIABLE];
  if (declared && declared.type !== 'object') {
    found.push(
      issue(
        'error',
        'split-variable-type',
        `Node '${node.id}' records which branch a contact took in the variable '${SPLIT_VARIABLE}' (as ${SPLIT_VARIABLE}.${node.id}), but the flow declares '${SPLIT_VARIABLE}' as ${declared.type}; declare it as object or rename that variable.`,
        joinPointer('', 'variables', SPLIT_VARIABLE, 'type'),
        node.id,
      ),
    );
  }
  return found;
}

function percent(share: number): string {
  return `${Number.isInteger(share) ? share : share.toFixed(1)}%`;
}

export const splitNode: NodeDefinition<SplitNode> = {
  type: 'split',
  schema,
  create: (id) => ({
    id,
    type: 'split',
    branches: [
      { id: 'a', label: 'Version A', weight: 50 },
      { id: 'b', label: 'Version B', weight: 50 },
    ],
  }),
  exits: (node) => node.branches.map((b) => b.id),
  requiredExits: (node) => node.branches.map((b) => b.id),
  waits: () => false,
  lint,
  // The recorded choice is not a declared write: a flow declares `split` (type object) only to read it in templates.
  references: () => emptyReferences(),
  summary: (node) => {
    const shares = branchShares(node.branches);
    return `split ${clip(node.branches.map((b, i) => `${b.id}=${percent(shares[i]!)}`).join(', '), 60)}`;
  },
};
