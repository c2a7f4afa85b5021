import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import flowSchema from '../../../../schemas/flow.schema.json' with { type: 'json' };
import type { FlowNode } from '../types';
import { validateFlowStructure } from '../validate/schema';
import { nodeEngines } from './engine-registry';
import { NODE_TYPES, nodeDefinitions, nodeExits, nodeWaits } from './registry';
import type { NodeDefinition } from './types';

const schemaDir = fileURLToPath(new URL('../../../../schemas/nodes/', import.meta.url));
const nodesDir = fileURLToPath(new URL('./', import.meta.url));
/** What every `nodes/<type>/` folder holds (see README.md). */
const NODE_FOLDER_FILES = ['definition.ts', 'engine.ts', 'engine.test.ts', 'fixtures.json', 'node.generated.ts'];

interface NodeFixture {
  type: string;
  cases: Array<{ name: string; node: FlowNode; exits: string[]; requiredExits: string[]; waits: boolean; summary: string }>;
}

function fixtureOf(type: string): NodeFixture {
  return JSON.parse(readFileSync(`${nodesDir}${type}/fixtures.json`, 'utf8')) as NodeFixture;
}

const shell = (node: FlowNode) => ({
  id: 'f',
  name: 'F',
  specVersion: '1.0.0',
  revision: 0,
  languages: ['en'],
  start: node.id,
  nodes: [node],
});

describe('node registry', () => {
  it('has a folder with its parts, a schema fragment and a flow-schema branch for every node type', () => {
    const fragments = readdirSync(schemaDir)
      .filter((f) => f.endsWith('.schema.json'))
      .map((f) => f.replace('.schema.json', ''));
    const folders = readdirSync(nodesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const schemaEnum = flowSchema.$defs.node.properties.type.enum;
    for (const type of NODE_TYPES) {
      expect(fragments, `schemas/nodes/${type}.schema.json`).toContain(type);
      for (const part of NODE_FOLDER_FILES) {
        expect(existsSync(`${nodesDir}${type}/${part}`), `packages/flow/src/nodes/${type}/${part}`).toBe(true);
      }
      expect(nodeEngines[type], `nodes/engine-registry.ts: ${type}`).toBeDefined();
      expect(schemaEnum, `flow.schema.json node type enum`).toContain(type);
      const def = nodeDefinitions[type];
      expect(def.type).toBe(type);
      expect((def.schema as { $id?: string }).$id).toBe(`https://parley.dev/schemas/nodes/${type}.schema.json`);
      expect((def.schema as { properties: { type: { const: string } } }).properties.type.const).toBe(type);
    }
    expect([...schemaEnum].sort()).toEqual([...NODE_TYPES].sort());
    expect([...fragments].sort()).toEqual([...NODE_TYPES].sort());
    expect([...folders].sort()).toEqual([...NODE_TYPES].sort());
    expect(Object.keys(nodeEngines).sort()).toEqual([...NODE_TYPES].sort());
  });

  it('lists every fragment as one branch of flow.schema.json, in registry order', () => {
    const branches = flowSchema.$defs.node.allOf.map((branch) => ({ type: branch.if.properties.type.const, ref: branch.then.$ref }));
    expect(branches).toEqual(NODE_TYPES.map((type) => ({ type, ref: `nodes/${type}.schema.json` })));
    expect(flowSchema.$defs.node.properties.type.enum).toEqual(NODE_TYPES);
  });

  it('derives exits from the node content', () => {
    const plain: FlowNode = { id: 'm', type: 'message', text: 'hi' };
    const buttons: FlowNode = {
      id: 'b',
      type: 'message',
      text: 'pick',
      buttons: [
        { id: 'yes', title: 'Yes' },
        { id: 'no', title: 'No' },
      ],
    };
    const list: FlowNode = {
      id: 'l',
      type: 'message',
      text: 'pick',
      list: { button: 'Open', sections: [{ rows: [{ id: 'r1', title: 'One' }] }, { rows: [{ id: 'r2', title: 'Two' }] }] },
    };
    expect(nodeExits(plain)).toEqual(['next']);
    expect(nodeExits(buttons)).toEqual(['yes', 'no', 'other', 'timeout']);
    expect(nodeExits(list)).toEqual(['r1', 'r2', 'other', 'timeout']);
    expect(nodeWaits(plain)).toBe(false);
    expect(nodeWaits(buttons)).toBe(true);
    expect(nodeExits({ id: 'a', type: 'ask', prompt: 'x', expect: 'text', saveAs: 'v' })).toEqual(['next', 'invalid', 'timeout']);
    expect(nodeExits({ id: 'r', type: 'route', cases: [{ id: 'c1', test: { op: 'is_yes' } }] })).toEqual(['c1', 'default']);
    expect(nodeExits({ id: 'h', type: 'http', method: 'GET', url: 'https://x.test' })).toEqual(['success', 'failure']);
    expect(nodeExits({ id: 'e', type: 'end' })).toEqual([]);
    expect(nodeWaits({ id: 's', type: 'set', assign: [{ variable: 'v', value: '1' }] })).toBe(false);
    expect(nodeWaits({ id: 'w', type: 'wait', duration: '1h' })).toBe(true);
  });

  for (const type of NODE_TYPES) {
    it(`${type}: fixtures match the schema, exits, waits and summary`, () => {
      const fixture = fixtureOf(type);
      expect(fixture.type).toBe(type);
      expect(fixture.cases.length).toBeGreaterThan(0);
      const def: NodeDefinition = nodeDefinitions[type];
      const created = def.create('fresh');
      expect(created).toMatchObject({ id: 'fresh', type });
      expect(validateFlowStructure(shell(created))).toEqual([]);
      for (const c of fixture.cases) {
        expect(validateFlowStructure(shell(c.node)), c.name).toEqual([]);
        expect(def.exits(c.node), c.name).toEqual(c.exits);
        expect(def.requiredExits(c.node), c.name).toEqual(c.requiredExits);
        expect(def.waits(c.node), c.name).toBe(c.waits);
        expect(def.summary(c.node), c.name).toBe(c.summary);
      }
    });
  }
});
