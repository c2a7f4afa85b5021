import schema from '../../../../../schemas/nodes/subflow.schema.json' with { type: 'json' };
import type { SubflowNode } from '../../types';
import { addTemplate, emptyReferences } from '../helpers';
import type { NodeDefinition } from '../types';

export const subflowNode: NodeDefinition<SubflowNode> = {
  type: 'subflow',
  schema,
  create: (id) => ({ id, type: 'subflow', flow: 'flow-id' }),
  /** `next` runs when the child flow ends and its return values are copied back. */
  exits: () => ['next'],
  requiredExits: () => [],
  waits: () => true,
  lint: () => [],
  references(node) {
    const refs = emptyReferences();
    refs.flows.push({ at: ['flow'], flow: node.flow });
    for (const [name, value] of Object.entries(node.params ?? {})) addTemplate(refs, value, ['params', name]);
    for (const variable of Object.keys(node.returns ?? {})) refs.writes.push({ at: ['returns', variable], variable });
    return refs;
  },
  summary: (node) => `subflow ${node.flow}${node.params ? ` (${Object.keys(node.params).join(', ')})` : ''}`,
};
