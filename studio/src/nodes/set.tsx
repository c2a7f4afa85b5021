import { PenLine } from 'lucide-react';
import type { SetNode } from '@parley/flow';
import { COMMON_HINTS, type NodeEditor } from './types';

export const setEditor: NodeEditor<SetNode> = {
  type: 'set',
  title: 'Set variable',
  description: 'Stores values in variables, e.g. a counter or a formatted total.',
  icon: PenLine,
  group: 'Logic',
  color: '#5b5b5b',
  create: (id) => ({ id, type: 'set', assign: [{ variable: 'answer', value: '' }] }),
  Body({ node }) {
    return (
      <ul className="node-list">
        {node.assign.slice(0, 4).map((a, i) => (
          <li key={i}>
            <code>{a.variable}</code> = {a.value}
          </li>
        ))}
        {node.assign.length > 4 && <li>…{node.assign.length - 4} more</li>}
      </ul>
    );
  },
  hints: {
    ...COMMON_HINTS,
    assign: { itemLabel: 'Assignment' },
    'assign.*.value': { help: 'A value or an expression in {{ }}, e.g. {{count + 1}}.' },
  },
};
