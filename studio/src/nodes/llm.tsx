import { Sparkles } from 'lucide-react';
import { WHATSAPP_LIMITS, type LlmNode } from '@parley/flow';
import { COMMON_HINTS, type NodeEditor } from './types';

export const llmEditor: NodeEditor<LlmNode> = {
  type: 'llm',
  title: 'AI answer',
  description: 'Writes an answer with a language model from your instructions; a fixed fallback is used if it fails.',
  icon: Sparkles,
  group: 'Integrations',
  color: '#4b3a99',
  create: (id) => ({
    id,
    type: 'llm',
    prompt: 'Answer the customer politely: {{input.text}}',
    fallback: 'Sorry, I could not answer that.',
  }),
  Body({ node }) {
    return <p className="node-text">{node.prompt}</p>;
  },
  hints: {
    ...COMMON_HINTS,
    prompt: { order: 1, label: 'Instructions', widget: 'textarea' },
    fallback: { order: 2, label: 'If the AI is unavailable, say', maxLength: WHATSAPP_LIMITS.textBody },
    context: { order: 3, label: 'Variables it may read' },
    saveAs: { order: 4, label: 'Save the answer in' },
    send: { order: 5, label: 'Send the answer to the customer' },
  },
};
