import { FileText } from 'lucide-react';
import type { TemplateNode } from '@parley/flow';
import { COMMON_HINTS, type NodeEditor } from './types';

export const templateEditor: NodeEditor<TemplateNode> = {
  type: 'template',
  title: 'WhatsApp template',
  description: 'Sends an approved WhatsApp template — needed to write first or after 24 hours of silence.',
  icon: FileText,
  group: 'Messages',
  color: '#0f6b6b',
  create: (id) => ({ id, type: 'template', name: 'order_update', language: 'en' }),
  Body({ node }) {
    return (
      <p className="node-meta">
        Template <code>{node.name}</code> ({node.language})
      </p>
    );
  },
  hints: {
    ...COMMON_HINTS,
    name: { order: 1, label: 'Template name', help: 'As approved in WhatsApp Manager (lowercase, underscores).' },
    language: { order: 2 },
    params: { order: 3, label: 'Parameters' },
    'params.header': { widget: 'stringList' },
    'params.body': { widget: 'stringList', help: 'One per line, in order: {{1}}, {{2}}…' },
    'params.buttons': { widget: 'stringList' },
  },
};
