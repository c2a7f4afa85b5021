import type { NodeEngine } from '../../engine/node-engine';
import { templateOutbound } from '../../engine/outbound';
import type { TemplateNode } from '../../types';

/** Send a WhatsApp template with parameters rendered from variables, then `next`. */
export const templateEngine: NodeEngine<TemplateNode> = {
  state: (b, node) => ({
    entry: [b.visit(node), b.send(node, (context, turn) => templateOutbound(b.flow, node, context, turn))],
    on: { next: [b.exit(node, 'next')] },
  }),
};
