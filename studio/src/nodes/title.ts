/**
 * What a marketer reads as a step's name: its label when it has one, else its
 * id made readable ("answer_shipping" → "Answer shipping", the same words the
 * studio's issue messages use). The raw id stays visible, small, in the
 * inspector, because connections and the CLI use it.
 */
import { humanizeId, type FlowNode } from '@parley/flow';

export { humanizeId };

export function nodeTitle(node: Pick<FlowNode, 'id' | 'label'>): string {
  return node.label?.trim() || humanizeId(node.id);
}
