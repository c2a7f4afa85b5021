import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLOW_LIMITS } from './limits';
import { validateFlow } from './validate-flow';

const valid = JSON.parse(readFileSync(new URL('./fixtures/valid/all-node-types.flow.json', import.meta.url), 'utf8')) as {
  nodes: Array<Record<string, unknown>>;
  variables: Record<string, unknown>;
};
const clone = () => structuredClone(valid);

function deeplyNested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('hard limits (checked before the schema)', () => {
  it('rejects more than 1,000 nodes with one issue', () => {
    const flow = clone();
    flow.nodes = Array.from({ length: 1_001 }, (_, i) => ({ id: `n${i}`, type: 'end' }));
    const result = validateFlow(flow);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'too-many-nodes', path: '/nodes' })]);
  });

  it('rejects more than 100 buttons/cases/exits in one node, naming the node', () => {
    const flow = clone();
    flow.nodes[1]!.cases = Array.from({ length: 101 }, (_, i) => ({ id: `c${i}`, test: { op: 'is_yes' } }));
    const result = validateFlow(flow);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'too-many-entries', path: '/nodes/1/cases', nodeId: 'understand' })]);
  });

  it('rejects a 10,000-deep document quickly, without a stack overflow', () => {
    const flow = clone();
    flow.variables.deep = { type: 'object', default: deeplyNested(10_000) };
    const started = performance.now();
    const result = validateFlow(flow);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'too-deep' })]);
  });

  it('rejects huge strings and keys', () => {
    const flow = clone();
    flow.nodes[0]!.label = 'x'.repeat(FLOW_LIMITS.maxStringChars + 1);
    flow.variables['k'.repeat(FLOW_LIMITS.maxKeyChars + 1)] = { type: 'string' };
    const codes = validateFlow(flow).issues.map((i) => [i.code, i.path]);
    expect(codes).toContainEqual(['string-too-long', '/nodes/0/label']);
    expect(codes).toContainEqual(['key-too-long', '/variables']);
  });

  it('rejects an oversized container without walking it', () => {
    const flow = clone();
    // (A 50 MB text is refused by parseFlowJson before parsing: see parse.test.ts.)
    flow.variables.big = { type: 'list', default: new Array<string>(1_000_000).fill('ten chars!') };
    const started = performance.now();
    const result = validateFlow(flow);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(result.ok).toBe(false);
    expect(result.issues[0]!.code).toBe('too-many-entries');
  });

  it('reports values that are not JSON', () => {
    const flow = clone() as Record<string, unknown>;
    flow.revision = Number.NaN;
    flow.extra = () => 1;
    flow.when = new Date(0);
    const codes = validateFlow(flow).issues.map((i) => `${i.code} ${i.path}`);
    expect(codes).toEqual(expect.arrayContaining(['not-json /revision', 'not-json /extra', 'not-json /when']));
  });

  it('survives cyclic objects', () => {
    const flow = clone() as Record<string, unknown>;
    flow.self = flow;
    expect(validateFlow(flow).issues[0]!.code).toBe('too-deep');
  });

  it('accepts exactly 1,000 nodes', () => {
    const flow = clone();
    flow.nodes = Array.from({ length: 1_000 }, (_, i) => ({ id: `n${i}`, type: 'end' }));
    const codes = validateFlow(flow).issues.map((i) => i.code);
    expect(codes).not.toContain('too-many-nodes');
  });
});
