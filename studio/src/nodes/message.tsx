import { MessageSquare, Paperclip } from 'lucide-react';
import { WHATSAPP_LIMITS as L, type MessageNode } from '@parley/flow';
import { COMMON_HINTS, shownText, type NodeEditor } from './types';

export const messageEditor: NodeEditor<MessageNode> = {
  type: 'message',
  title: 'Message',
  description: 'Sends a text (and optionally media). Add buttons or a list to let the customer choose.',
  icon: MessageSquare,
  group: 'Messages',
  color: '#1f6f43',
  create: (id) => ({ id, type: 'message', text: 'Hello! How can we help?' }),
  Body({ node, language, defaultLanguage }) {
    const rows = node.list?.sections.flatMap((s) => s.rows) ?? [];
    return (
      <>
        {node.media && (
          <p className="node-media">
            <Paperclip size={12} aria-hidden="true" /> {node.media.type}: {node.media.url}
          </p>
        )}
        <p className="node-text">{shownText(node.text, language, defaultLanguage) || <em>No text yet</em>}</p>
        {node.list && (
          <p className="node-meta">
            List “{shownText(node.list.button, language, defaultLanguage)}” · {rows.length} rows
          </p>
        )}
        {node.saveAs && (
          <p className="node-meta">
            Saves choice in <code>{node.saveAs}</code>
          </p>
        )}
      </>
    );
  },
  exitLabels(node, language, defaultLanguage) {
    const labels: Record<string, string> = {};
    for (const b of node.buttons ?? []) labels[b.id] = shownText(b.title, language, defaultLanguage) || b.id;
    for (const s of node.list?.sections ?? []) for (const r of s.rows) labels[r.id] = shownText(r.title, language, defaultLanguage) || r.id;
    labels.other = 'Anything else';
    labels.timeout = 'No reply';
    return labels;
  },
  hints: {
    ...COMMON_HINTS,
    text: { order: 1, label: 'Message text', maxLength: L.textBody, help: 'Use {{variable}} to insert what you know about the customer.' },
    buttons: { order: 2, itemLabel: 'Button', help: `Up to ${L.buttonCount} buttons show as WhatsApp reply buttons.` },
    'buttons.*.id': { label: 'Exit name', help: 'Names the connection that leaves this button.' },
    'buttons.*.title': { label: 'Button title', maxLength: L.buttonTitle },
    'buttons.*.synonyms': {
      advanced: true,
      widget: 'json',
      help: 'Words per language that also pick this button, e.g. {"en": ["yes", "sure"]}.',
    },
    list: { order: 3, label: 'List' },
    'list.button': { label: 'List button text', maxLength: L.listButton },
    'list.sections': { itemLabel: 'Section' },
    'list.sections.*.title': { maxLength: L.listSectionTitle },
    'list.sections.*.rows': { itemLabel: 'Row' },
    'list.sections.*.rows.*.id': { label: 'Exit name' },
    'list.sections.*.rows.*.title': { label: 'Row title', maxLength: L.listRowTitle },
    'list.sections.*.rows.*.description': { maxLength: L.listRowDescription },
    media: { order: 4, advanced: true },
    'media.caption': { maxLength: L.mediaCaption },
    saveAs: { order: 5, label: 'Save the choice in', advanced: true },
    timeout: { order: 6, label: 'Give up waiting after', advanced: true },
  },
};
