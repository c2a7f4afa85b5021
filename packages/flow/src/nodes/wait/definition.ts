import schema from '../../../../../schemas/nodes/wait.schema.json' with { type: 'json' };
import type { WaitNode } from '../../types';
import { emptyReferences } from '../helpers';
import type { NodeDefinition } from '../types';

export const waitNode: NodeDefinition<WaitNode> = {
  type: 'wait',
  schema,
  create: (id) => ({ id, type: 'wait', duration: '1h' }),
  exits: () => ['next'],
  requiredExits: () => [],
  waits: () => true,
  lint: () => [],
  references: () => emptyReferences(),
  summary: (node) => `wait ${node.duration}`,
};
