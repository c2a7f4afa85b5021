import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NODE_TYPES, nodeDefinitions, nodeExits } from '@parley/flow';
import { nodeEditors, paletteOrder } from './registry';
import { resolver } from '../inspector/formContext';
import type { JsonSchema } from '../inspector/schema';

describe('node editor registry', () => {
  it.each(NODE_TYPES)('node type "%s" has its editor component file and registry entry', (type) => {
    expect(existsSync(fileURLToPath(new URL(`./${type}.tsx`, import.meta.url))), `studio/src/nodes/${type}.tsx is missing`).toBe(true);
    const editor = (nodeEditors as Record<string, unknown>)[type];
    expect(editor, `nodeEditors has no entry for "${type}"`).toBeDefined();
    expect(paletteOrder).toContain(type);
  });

  it('has no editor for a type the flow package does not know', () => {
    expect(Object.keys(nodeEditors).sort()).toEqual([...NODE_TYPES].sort());
  });

  it.each(NODE_TYPES)('a new "%s" node is valid against its schema fragment and has its exits', (type) => {
    const node = nodeEditors[type].create(`${type}_1`);
    expect(node.type).toBe(type);
    const schema = nodeDefinitions[type].schema as JsonSchema;
    for (const key of schema.required ?? []) expect(node, `new ${type} lacks required "${key}"`).toHaveProperty(key);
    for (const key of Object.keys(node)) expect(schema.properties, `new ${type} has unknown field "${key}"`).toHaveProperty(key);
    expect(Array.isArray(nodeExits(node))).toBe(true);
  });

  it.each(NODE_TYPES)('UI hints of "%s" name only fields that exist in its schema', (type) => {
    const schema = nodeDefinitions[type].schema as JsonSchema;
    for (const path of Object.keys(nodeEditors[type].hints)) {
      let s: JsonSchema | undefined = schema;
      for (const seg of path.split('.')) {
        s = resolver.resolve(s).schema;
        s = seg === '*' ? s.items : s.properties?.[seg];
        expect(s, `hint "${path}" of ${type} points at nothing`).toBeDefined();
      }
    }
  });
});
