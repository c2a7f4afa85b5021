import schema from '../../../../../schemas/nodes/set.schema.json' with { type: 'json' };
import type { SetNode } from '../../types';
import { addTemplate, clip, emptyReferences } from '../helpers';
import type { NodeDefinition } from '../types';

export const setNode: NodeDefinition<SetNode> = {
  type: 'set',
  schema,
  create: (id) => ({ id, type: 'set', assign: [{ variable: 'value', value: '' }] }),
  exits: () => ['next'],
  requiredExits: () => [],
  waits: () => false,
  lint: () => [],
  references(node) {
    const refs = emptyReferences();
    node.assign.forEach((a, i) => {
      refs.writes.push({ at: ['assign', i, 'variable'], variable: a.variable });
      addTemplate(refs, a.value, ['assign', i, 'value']);
    });
    return refs;
  },
  summary: (node) => `set ${clip(node.assign.map((a) => `${a.variable} = ${a.value}`).join('; '), 60)}`,
};
