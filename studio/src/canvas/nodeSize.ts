/**
 * A node's size on the canvas before the browser has measured it: 240 px wide
 * (styles.css .flow-node) and a height from its exits and content, on the
 * generous side. Used to check the example layouts and to space new steps.
 */
import type { FlowNode } from '@parley/flow';
import { exitsOf } from './elements';

const NODE_WIDTH = 240;
const HEADER_AND_PADDING = 40;
const EXIT_ROW = 22;
const BODY_LINE = 17;
/** Characters of node content per body line, roughly (the body shows text, meta and lists). */
const CHARS_PER_LINE = 70;

export function estimateNodeSize(node: FlowNode): { width: number; height: number } {
  const { id: _id, type: _type, exits: _exits, label: _label, ...content } = node as FlowNode & { label?: string };
  const chars = JSON.stringify(content).length;
  const lines = Math.min(12, Math.max(1, Math.ceil(chars / CHARS_PER_LINE)));
  return { width: NODE_WIDTH, height: HEADER_AND_PADDING + EXIT_ROW * exitsOf(node).length + BODY_LINE * lines };
}
