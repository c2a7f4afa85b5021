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

  it.each(NODE_TYPES)('the header color of "%s" keeps white text readable (WCAG AA, ≥ 4.5:1)', (type) => {
    const channel = (hex: string, i: number) => {
      const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const color = nodeEditors[type].color;
    expect(color).toMatch(/^#[0-9a-f]{6}$/i);
    const luminance = 0.2126 * channel(color, 0) + 0.7152 * channel(color, 1) + 0.0722 * channel(color, 2);
    expect(1.05 / (luminance + 0.05)).toBeGreaterThanOrEqual(4.5);
  });
});
