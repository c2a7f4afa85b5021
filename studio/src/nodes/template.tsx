import { FileText } from 'lucide-react';
import type { TemplateNode } from '@parley/flow';
import { TemplateNodeEditor } from '../inspector/TemplateNodeEditor';
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
    const mapped = Object.keys(node.values ?? {}).length;
    return (
      <p className="node-meta">
        Template <code>{node.name}</code> ({node.language}){mapped ? ` · ${mapped} parameter${mapped === 1 ? '' : 's'}` : ''}
      </p>
    );
  },
  exitLabels: () => ({ next: 'Sent', failed: 'Could not send' }),
  // Name, language and the named values are edited by TemplateNodeEditor (picker, rows, preview).
  Editor: TemplateNodeEditor,
  hints: {
    ...COMMON_HINTS,
    name: { widget: 'hidden' },
    language: { widget: 'hidden' },
    values: { widget: 'hidden' },
    params: { order: 3, label: 'Positional parameters (older flows)', advanced: true },
    'params.header': { widget: 'stringList' },
    'params.body': { widget: 'stringList', help: 'One per line, in order: {{1}}, {{2}}…' },
    'params.buttons': { widget: 'stringList' },
  },
};
