/**
 * What a marketer reads as a step's name: its label when it has one, else its
 * id made readable ("answer_shipping" → "Answer shipping"). The raw id stays
 * visible, small, in the inspector, because connections and the CLI use it.
 */
import type { FlowNode } from '@parley/flow';

/** "answer_shipping" / "answer-shipping" / "answerShipping" → "Answer shipping". */
export function humanizeId(id: string): string {
  const words = id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.:-]+/)
    .filter(Boolean)
    .map((w) => (/^[A-Z0-9]+$/.test(w) && w.length > 1 ? w : w.toLowerCase()));
  if (!words.length) return id;
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function nodeTitle(node: Pick<FlowNode, 'id' | 'label'>): string {
  return node.label?.trim() || humanizeId(node.id);
}
