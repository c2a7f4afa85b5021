import { Split } from 'lucide-react';
import type { RouteNode } from '@parley/flow';
import { COMMON_HINTS, type NodeEditor } from './types';

function describeTest(test: { op: string; args?: Array<string | number | boolean> }): string {
  const words = test.op.replace(/^has_/, '').replace(/_/g, ' ');
  return test.args?.length ? `${words}: ${test.args.join(', ')}` : words;
}

export const routeEditor: NodeEditor<RouteNode> = {
  type: 'route',
  title: 'Split',
  description: 'Checks the reply or a variable against ordered cases; the first match decides the path.',
  icon: Split,
  group: 'Logic',
  color: '#7a3e9d',
  create: (id) => ({ id, type: 'route', cases: [{ id: 'yes', test: { op: 'is_yes' } }] }),
  Body({ node }) {
    return (
      <p className="node-meta">
        Checks <code>{node.operand ?? '{{input.text}}'}</code>
      </p>
    );
  },
  exitLabels(node) {
    const labels: Record<string, string> = { default: 'Otherwise' };
    for (const c of node.cases) labels[c.id] = `${c.id} — ${describeTest(c.test)}`;
    return labels;
  },
  hints: {
    ...COMMON_HINTS,
    operand: { order: 1, label: 'Value to check', placeholder: '{{input.text}}', help: 'Leave empty to check the customer’s last reply.' },
    cases: { order: 2, itemLabel: 'Case', help: 'Checked top to bottom; the first match wins.' },
    'cases.*.id': { label: 'Exit name' },
  },
};
