// @vitest-environment jsdom
/**
 * The inspector's labels and help are read by marketers: for every node of the
 * example flows, no text on the form speaks JSON ("string", "object", "null"…).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { NODE_TYPES, type Flow } from '@parley/flow';
import { Inspector } from './Inspector';
import { FlowSettings } from './FlowSettings';
import { nodeEditors } from '../nodes/registry';

afterEach(cleanup);

// jsdom gives import.meta.url an http scheme; vitest runs from the repository root.
const FLOWS = join(process.cwd(), 'flows') + '/';
const JSON_SPEAK = /\b(null|object|string|array|propert(y|ies)|boolean|schema|JSON pointer)\b|must have|\$defs|\/nodes\//i;

function formTexts(flow: Flow, nodeId: string): string[] {
  const node = flow.nodes.find((n) => n.id === nodeId)!;
  render(
    <Inspector
      flow={flow}
      node={node}
      issues={[]}
      flowIds={[flow.id]}
      onChange={() => {}}
      onRename={() => true}
      onConnect={() => {}}
      onSetStart={() => {}}
      onDelete={() => {}}
    />,
  );
  const texts = [...document.querySelectorAll('.help, label, legend, summary, option')].map((e) => e.textContent ?? '');
  cleanup();
  return texts;
}

describe('inspector wording', () => {
  it('the flow settings name kinds of values in words', () => {
    const flow = JSON.parse(readFileSync(FLOWS + 'support-faq.flow.json', 'utf8')) as Flow;
    render(
      <FlowSettings
        flow={flow}
        issues={[]}
        flowIds={[]}
        onChange={() => {}}
        tryNlu={async () => {
          throw new Error('offline');
        }}
      />,
    );
    const options = [...document.querySelectorAll('option')].map((o) => o.textContent ?? '');
    expect(options.length).toBeGreaterThan(0);
    expect(options.filter((o) => JSON_SPEAK.test(o))).toEqual([]);
  });

  it('no label or help on any example node (and any new node) speaks JSON', () => {
    const found: string[] = [];
    const flows = readdirSync(FLOWS)
      .filter((f) => f.endsWith('.flow.json'))
      .map((f) => JSON.parse(readFileSync(FLOWS + f, 'utf8')) as Flow);
    const fresh: Flow = {
      id: 'fresh',
      name: 'Fresh',
      specVersion: '1.0.0',
      revision: 1,
      languages: ['en', 'es'],
      start: 'message_1',
      nodes: NODE_TYPES.map((t) => nodeEditors[t].create(`${t}_1`)),
    };
    let forms = 0;
    for (const flow of [...flows, fresh]) {
      for (const node of flow.nodes) {
        forms++;
        for (const text of formTexts(flow, node.id)) if (JSON_SPEAK.test(text)) found.push(`${flow.id}/${node.id}: ${text}`);
      }
    }
    expect(forms).toBeGreaterThan(30);
    expect([...new Set(found.map((f) => f.replace(/^[^:]*: /, '')))]).toEqual([]);
  });
});
