import { Globe } from 'lucide-react';
import type { HttpNode } from '@parley/flow';
import { COMMON_HINTS, type NodeEditor } from './types';

export const httpEditor: NodeEditor<HttpNode> = {
  type: 'http',
  title: 'Web request',
  description: 'Calls an API (order status, CRM…) and saves parts of the answer in variables.',
  icon: Globe,
  group: 'Integrations',
  color: '#8a4b0f',
  create: (id) => ({ id, type: 'http', method: 'GET', url: 'https://example.com/api' }),
  Body({ node }) {
    return (
      <p className="node-meta">
        <strong>{node.method}</strong> <span className="node-url">{node.url}</span>
      </p>
    );
  },
  exitLabels: () => ({ success: 'Success', failure: 'Failed' }),
  hints: {
    ...COMMON_HINTS,
    method: { order: 1 },
    url: { order: 2, label: 'URL' },
    headers: { order: 3, advanced: true },
    body: { order: 4, widget: 'textarea', advanced: true },
    map: { order: 5, label: 'Save from the answer', help: 'Variable ← path in the response, e.g. body.status.' },
    timeoutMs: { advanced: true, label: 'Timeout (ms)' },
    retries: { advanced: true },
  },
};
