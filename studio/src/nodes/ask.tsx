import { CircleHelp } from 'lucide-react';
import { WHATSAPP_LIMITS as L, type AskNode } from '@parley/flow';
import { COMMON_HINTS, shownText, type NodeEditor } from './types';

export const askEditor: NodeEditor<AskNode> = {
  type: 'ask',
  title: 'Question',
  description: 'Asks a question, checks the answer (number, email, date…) and saves it in a variable.',
  icon: CircleHelp,
  group: 'Messages',
  color: '#1d5fa8',
  create: (id) => ({ id, type: 'ask', prompt: 'What is your name?', expect: 'text', saveAs: 'answer' }),
  Body({ node, language, defaultLanguage }) {
    return (
      <>
        <p className="node-text">{shownText(node.prompt, language, defaultLanguage) || <em>No question yet</em>}</p>
        <p className="node-meta">
          Expects {node.expect} → <code>{node.saveAs || '?'}</code>
        </p>
        {node.choices && <p className="node-meta">{node.choices.map((c) => shownText(c.title, language, defaultLanguage)).join(' · ')}</p>}
      </>
    );
  },
  exitLabels: () => ({ next: 'Answered', invalid: 'Gave up (invalid)', timeout: 'No reply' }),
  hints: {
    ...COMMON_HINTS,
    prompt: { order: 1, label: 'Question', maxLength: L.textBody },
    expect: { order: 2, label: 'Answer type' },
    saveAs: { order: 3, label: 'Save the answer in' },
    choices: { order: 4, itemLabel: 'Choice', help: `For “choice” answers. More than ${L.buttonCount} become a WhatsApp list.` },
    'choices.*.title': { maxLength: L.listRowTitle },
    'choices.*.synonyms': { advanced: true, widget: 'json' },
    retryPrompt: { order: 5, label: 'Ask again with', advanced: true },
    maxRetries: { order: 6, label: 'Tries before giving up', advanced: true },
    validate: { order: 7, label: 'Extra check', advanced: true },
    timeout: { order: 8, label: 'Give up waiting after', advanced: true },
  },
};
