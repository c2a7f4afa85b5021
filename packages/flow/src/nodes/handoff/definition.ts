import schema from '../../../../../schemas/nodes/handoff.schema.json' with { type: 'json' };
import type { HandoffNode } from '../../types';
import { addText, checkLength, clip, emptyReferences } from '../helpers';
import type { NodeDefinition } from '../types';
import { WHATSAPP_LIMITS as L } from '../whatsapp-limits';

export const handoffNode: NodeDefinition<HandoffNode> = {
  type: 'handoff',
  schema,
  create: (id) => ({ id, type: 'handoff' }),
  /** `next` runs when the agent releases the conversation back to the bot. */
  exits: () => ['next'],
  requiredExits: () => [],
  waits: () => true,
  lint: (node, ctx) => checkLength(ctx, node.id, node.message, ['message'], L.textBody, 'The handoff message'),
  references(node) {
    const refs = emptyReferences();
    addText(refs, node.message, ['message']);
    return refs;
  },
  summary: (node) => `handoff${node.queue ? ` to ${node.queue}` : ''}${node.reason ? `: ${clip(node.reason)}` : ''}`,
};
