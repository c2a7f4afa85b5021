import schema from '../../../../../schemas/nodes/end.schema.json' with { type: 'json' };
import type { EndNode } from '../../types';
import { emptyReferences } from '../helpers';
import type { NodeDefinition } from '../types';

export const endNode: NodeDefinition<EndNode> = {
  type: 'end',
  schema,
  create: (id) => ({ id, type: 'end' }),
  exits: () => [],
  requiredExits: () => [],
  waits: () => false,
  lint: () => [],
  references: () => emptyReferences(),
  summary: (node) => `end${node.outcome ? ` (${node.outcome})` : ''}`,
};
