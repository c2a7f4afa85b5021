import { Flag } from 'lucide-react';
import type { EndNode } from '@parley/flow';
import { COMMON_HINTS, type NodeEditor } from './types';

export const endEditor: NodeEditor<EndNode> = {
  type: 'end',
  title: 'End',
  description: 'Ends the conversation, with an outcome name for analytics.',
  icon: Flag,
  group: 'Flow',
  color: '#333333',
  create: (id) => ({ id, type: 'end', outcome: 'done' }),
  Body({ node }) {
    return <p className="node-meta">Outcome: {node.outcome ?? 'done'}</p>;
  },
  hints: { ...COMMON_HINTS, outcome: { help: 'A short name shown in analytics, e.g. resolved, sold.' } },
};
