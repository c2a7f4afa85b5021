import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flow, FlowLayout } from '../types';
import { formatFlow, formatLayout } from './format';

const validDir = fileURLToPath(new URL('../validate/fixtures/valid/', import.meta.url));
const flows = readdirSync(validDir)
  .filter((f) => f.endsWith('.flow.json'))
  .map((f) => JSON.parse(readFileSync(validDir + f, 'utf8')) as Flow);
const flow = flows[0]!;

/** Reverses every object's key order, recursively: the formatter must not care. */
function shuffleKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shuffleKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, shuffleKeys(v)]),
  );
}

function changedLines(a: string, b: string): number {
  const x = a.split('\n');
  const y = b.split('\n');
  expect(x.length).toBe(y.length);
  return x.filter((line, i) => line !== y[i]).length;
}

describe('formatFlow', () => {
  it('is idempotent and keeps the document equal', () => {
    for (const f of flows) {
      const once = formatFlow(f);
      expect(JSON.parse(once)).toEqual(f);
      expect(formatFlow(JSON.parse(once) as Flow)).toBe(once);
    }
  });

  it('uses 2-space indent and a trailing newline', () => {
    const text = formatFlow(flow);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "id": "all-node-types",');
  });

  it('puts keys in the documented order whatever the input order', () => {
    // Maps (exits, texts, variables) keep the authored order by design, so only fixed keys are compared.
    const text = formatFlow(shuffleKeys(flow) as Flow);
    const firstNode = text.slice(text.indexOf('"nodes"'), text.indexOf('"id": "understand"'));
    expect([...firstNode.matchAll(/^ {6}"([^"]+)":/gm)].map((m) => m[1])).toEqual(['id', 'type', 'text', 'buttons', 'timeout', 'exits']);
    const topKeys = [...text.matchAll(/^ {2}"([^"]+)":/gm)].map((m) => m[1]);
    expect(topKeys).toEqual([
      'id',
      'name',
      'specVersion',
      'revision',
      'languages',
      'start',
      'variables',
      'intents',
      'entities',
      'triggers',
      'interrupts',
      'settings',
      'nodes',
    ]);
    const ask = formatFlow({
      ...flow,
      nodes: [{ exits: { next: null }, saveAs: 'plan', expect: 'text', prompt: 'Hi', type: 'ask', id: 'q', label: 'Question' }],
    } as Flow);
    const nodeKeys = [...ask.slice(ask.indexOf('"nodes"')).matchAll(/^ {6}"([^"]+)":/gm)].map((m) => m[1]);
    expect(nodeKeys).toEqual(['id', 'type', 'label', 'prompt', 'expect', 'saveAs', 'exits']);
  });

  it('keeps node order and map order (exits, localized texts) as authored', () => {
    const text = formatFlow(flow);
    const ids = [...text.matchAll(/^ {6}"id": "([^"]+)"/gm)].map((m) => m[1]);
    expect(ids).toEqual(flow.nodes.map((n) => n.id));
    expect(text.indexOf('"status": "ask_order"')).toBeLessThan(text.indexOf('"plans": "pick_plan"'));
  });

  it('turns a one-word change into a one-line diff', () => {
    const edited = structuredClone(flow);
    (edited.nodes[4] as { text: Record<string, string> }).text.en = 'Order {{order_id}} is now {{order_status}}.';
    expect(changedLines(formatFlow(flow), formatFlow(edited))).toBe(1);
    const retargeted = structuredClone(flow);
    retargeted.nodes[0]!.exits!.other = 'to_agent';
    expect(changedLines(formatFlow(flow), formatFlow(retargeted))).toBe(1);
  });

  it('round-trips arbitrary JSON values and is idempotent on them', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), (doc) => {
        const once = formatFlow(doc);
        expect(JSON.parse(once)).toEqual(JSON.parse(JSON.stringify(doc)));
        expect(formatFlow(JSON.parse(once) as Record<string, unknown>)).toBe(once);
      }),
      { numRuns: 200 },
    );
  });
});

describe('formatLayout', () => {
  const layout: FlowLayout = {
    viewport: { zoom: 1.25, y: -40, x: 10 },
    notes: [{ text: 'Ask legal about this copy', y: 5, x: 300, id: 'n1', color: 'yellow' }],
    positions: { bye: { y: 900, x: 0 }, welcome: { x: 0, y: 0 }, '10': { x: 1, y: 2 }, understand: { x: 240.5, y: 120 } },
    flowId: 'all-node-types',
  };

  it('prints one line per node, in flow order, then the rest by id', () => {
    const text = formatLayout(layout, flow);
    expect(text).toBe(
      [
        '{',
        '  "flowId": "all-node-types",',
        '  "positions": {',
        '    "welcome": { "x": 0, "y": 0 },',
        '    "understand": { "x": 240.5, "y": 120 },',
        '    "bye": { "x": 0, "y": 900 },',
        '    "10": { "x": 1, "y": 2 }',
        '  },',
        '  "notes": [',
        '    {',
        '      "id": "n1",',
        '      "x": 300,',
        '      "y": 5,',
        '      "color": "yellow",',
        '      "text": "Ask legal about this copy"',
        '    }',
        '  ],',
        '  "viewport": { "x": 10, "y": -40, "zoom": 1.25 }',
        '}',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(text)).toEqual(layout);
  });

  it('is idempotent, and sorts by id without a flow', () => {
    const once = formatLayout(layout);
    expect(formatLayout(JSON.parse(once) as FlowLayout)).toBe(once);
    expect([...once.matchAll(/^ {4}"([^"]+)":/gm)].map((m) => m[1])).toEqual(['10', 'bye', 'understand', 'welcome']);
  });
});
