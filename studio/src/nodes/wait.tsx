import { Hourglass } from 'lucide-react';
import type { WaitNode } from '@parley/flow';
import { COMMON_HINTS, type NodeEditor } from './types';

export const waitEditor: NodeEditor<WaitNode> = {
  type: 'wait',
  title: 'Delay',
  description: 'Pauses before the next step, e.g. a reminder one day later.',
  icon: Hourglass,
  group: 'Logic',
  color: '#6b5a00',
  create: (id) => ({ id, type: 'wait', duration: '1h' }),
  Body({ node }) {
    return <p className="node-meta">Waits {node.duration}</p>;
  },
  hints: { ...COMMON_HINTS, duration: { label: 'Wait for' } },
};
