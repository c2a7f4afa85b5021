import { CornerDownRight } from 'lucide-react';
import type { SubflowNode } from '@parley/flow';
import { COMMON_HINTS, type NodeEditor } from './types';

export const subflowEditor: NodeEditor<SubflowNode> = {
  type: 'subflow',
  title: 'Run another flow',
  description: 'Runs another flow, then comes back here with the values it returns.',
  icon: CornerDownRight,
  group: 'Flow',
  color: '#36597a',
  create: (id) => ({ id, type: 'subflow', flow: '' }),
  Body({ node }) {
    return (
      <p className="node-meta">
        Runs <code>{node.flow || '?'}</code>
      </p>
    );
  },
  hints: {
    ...COMMON_HINTS,
    flow: { order: 1, label: 'Flow to run' },
    params: { order: 2, label: 'Pass in' },
    returns: { order: 3, label: 'Bring back', help: 'Variable here ← variable of the other flow.' },
  },
};
