import { Headset } from 'lucide-react';
import { WHATSAPP_LIMITS, type HandoffNode } from '@parley/flow';
import { COMMON_HINTS, shownText, type NodeEditor } from './types';

export const handoffEditor: NodeEditor<HandoffNode> = {
  type: 'handoff',
  title: 'Talk to a person',
  description: 'Hands the conversation to a human agent; the bot continues when the agent hands it back.',
  icon: Headset,
  group: 'Flow',
  color: '#a4262c',
  create: (id) => ({ id, type: 'handoff', message: 'Connecting you with a person…' }),
  Body({ node, language, defaultLanguage }) {
    return (
      <>
        {node.message && <p className="node-text">{shownText(node.message, language, defaultLanguage)}</p>}
        <p className="node-meta">Queue: {node.queue ?? 'default'}</p>
      </>
    );
  },
  hints: {
    ...COMMON_HINTS,
    message: { order: 1, label: 'Message before handing over', maxLength: WHATSAPP_LIMITS.textBody },
    queue: { order: 2 },
    reason: { order: 3, advanced: true },
  },
};
