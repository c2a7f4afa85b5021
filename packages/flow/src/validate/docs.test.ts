/**
 * docs/flow-format.md is checked: its JSON examples parse and match the schema,
 * every node type has an example, and every issue code and route operator the
 * code knows is documented.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NODE_TYPES } from '../nodes/registry';
import { operatorNames } from '../operators';
import type { FlowNode } from '../types';
import { validateFlowStructure } from './schema';

const docPath = fileURLToPath(new URL('../../../../docs/flow-format.md', import.meta.url));
const doc = readFileSync(docPath, 'utf8');
const blocks = [...doc.matchAll(/```json( node)?\n([\s\S]*?)```/g)].map((m) => ({ node: Boolean(m[1]), text: m[2]! }));
const shell = {
  id: 'doc',
  name: 'Doc',
  specVersion: '1.0.0',
  revision: 0,
  languages: ['en', 'es'],
  start: 'x',
  nodes: [{ id: 'x', type: 'end' }],
};

describe('docs/flow-format.md', () => {
  it('has JSON examples that parse', () => {
    expect(blocks.length).toBeGreaterThan(15);
    for (const block of blocks) expect(() => JSON.parse(block.text), block.text).not.toThrow();
  });

  it('has a schema-valid example for every node type', () => {
    const nodes = blocks.filter((b) => b.node).map((b) => JSON.parse(b.text) as FlowNode);
    expect(new Set(nodes.map((n) => n.type))).toEqual(new Set(NODE_TYPES));
    for (const node of nodes) expect(validateFlowStructure({ ...shell, nodes: [node] }), node.id).toEqual([]);
  });

  it('has schema-valid top-level examples', () => {
    for (const block of blocks.filter((b) => !b.node)) {
      const value = JSON.parse(block.text) as Record<string, unknown>;
      if (!['variables', 'intents', 'triggers', 'interrupts', 'settings'].some((k) => k in value)) continue;
      expect(validateFlowStructure({ ...shell, ...value }), block.text).toEqual([]);
    }
  });

  it('documents every issue code the validator, the node rules and migrations can report', () => {
    const dirs = ['./', '../nodes/', '../migrate/'].map((d) => fileURLToPath(new URL(d, import.meta.url)));
    const codes = new Set<string>();
    for (const dir of dirs) {
      // recursive: each node type's rules live in nodes/<type>/
      const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
      for (const file of files) {
        const source = readFileSync(dir + file, 'utf8');
        for (const m of source.matchAll(/(?:issue\(\s*'(?:error|warning)',\s*|(?:report|make|fail)\(\s*)'([a-z]+(?:-[a-z]+)+)'/g))
          codes.add(m[1]!);
      }
    }
    expect(codes.size).toBeGreaterThan(50);
    for (const code of codes) expect(doc, code).toContain(`\`${code}\``);
  });

  it('documents every route operator', () => {
    for (const name of operatorNames) expect(doc, name).toContain(name);
  });
});
