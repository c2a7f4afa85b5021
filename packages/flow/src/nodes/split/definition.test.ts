import { describe, expect, it } from 'vitest';
import type { Flow, FlowNode } from '../../types';
import { plainIssueMessage } from '../../validate/plain-words';
import { validateFlow } from '../../validate/validate-flow';

function flowWith(split: Record<string, unknown>, extra: Partial<Flow> = {}): Flow {
  return {
    id: 'promo',
    name: 'Promo',
    specVersion: '1.0.0',
    revision: 1,
    languages: ['en'],
    start: 'ab',
    nodes: [
      {
        id: 'ab',
        type: 'split',
        branches: [
          { id: 'a', label: 'Short copy', weight: 50 },
          { id: 'b', label: 'Long copy', weight: 50 },
        ],
        exits: { a: 'msg_a', b: 'msg_b' },
        ...split,
      } as FlowNode,
      { id: 'msg_a', type: 'message', text: 'short', exits: { next: null } },
      { id: 'msg_b', type: 'message', text: 'long', exits: { next: null } },
    ],
    ...extra,
  };
}

const issuesOf = (flow: Flow) => validateFlow(flow).issues.map(({ severity, code, path, nodeId }) => ({ severity, code, path, nodeId }));

describe('split node validation', () => {
  it('accepts a weighted a/b split', () => {
    expect(validateFlow(flowWith({})).issues).toEqual([]);
  });

  it('reports a duplicate branch id at the second one', () => {
    const branches = [
      { id: 'a', weight: 1 },
      { id: 'a', weight: 1 },
    ];
    expect(issuesOf(flowWith({ branches, exits: { a: 'msg_a' } }))).toContainEqual({
      severity: 'error',
      code: 'duplicate-choice-id',
      path: '/nodes/0/branches/1/id',
      nodeId: 'ab',
    });
  });

  it('reports all-zero weights', () => {
    const branches = [
      { id: 'a', weight: 0 },
      { id: 'b', weight: 0 },
    ];
    expect(issuesOf(flowWith({ branches }))).toContainEqual({
      severity: 'error',
      code: 'split-zero-weights',
      path: '/nodes/0/branches',
      nodeId: 'ab',
    });
  });

  it('reports a branch exit to no node, a missing branch exit and an exit that names no branch', () => {
    expect(issuesOf(flowWith({ exits: { a: 'msg_x', b: 'msg_b' } }))).toContainEqual({
      severity: 'error',
      code: 'dangling-exit',
      path: '/nodes/0/exits/a',
      nodeId: 'ab',
    });
    expect(issuesOf(flowWith({ exits: { a: 'msg_a' } }))).toContainEqual({
      severity: 'error',
      code: 'missing-exit',
      path: '/nodes/0/exits',
      nodeId: 'ab',
    });
    expect(issuesOf(flowWith({ exits: { a: 'msg_a', b: 'msg_b', c: 'msg_b' } }))).toContainEqual({
      severity: 'error',
      code: 'unknown-exit',
      path: '/nodes/0/exits/c',
      nodeId: 'ab',
    });
  });

  it.each([
    ['one branch', { branches: [{ id: 'a', weight: 1 }] }, '/nodes/0/branches'],
    ['eleven branches', { branches: Array.from({ length: 11 }, (_, i) => ({ id: `v${i}`, weight: 1 })) }, '/nodes/0/branches'],
    [
      'a weight above 1000',
      {
        branches: [
          { id: 'a', weight: 1001 },
          { id: 'b', weight: 1 },
        ],
      },
      '/nodes/0/branches/0/weight',
    ],
    [
      'a fractional weight',
      {
        branches: [
          { id: 'a', weight: 0.5 },
          { id: 'b', weight: 1 },
        ],
      },
      '/nodes/0/branches/0/weight',
    ],
    [
      'a branch id with a space',
      {
        branches: [
          { id: 'a b', weight: 1 },
          { id: 'b', weight: 1 },
        ],
      },
      '/nodes/0/branches/0/id',
    ],
    ['a branch without a weight', { branches: [{ id: 'a' }, { id: 'b', weight: 1 }] }, '/nodes/0/branches/0'],
  ])('refuses %s with a precise path', (_, split, path) => {
    const result = validateFlow(flowWith(split));
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.path)).toContain(path);
  });

  it('reports a flow variable named split that is not an object', () => {
    expect(issuesOf(flowWith({}, { variables: { split: { type: 'string' } } }))).toContainEqual({
      severity: 'error',
      code: 'split-variable-type',
      path: '/variables/split/type',
      nodeId: 'ab',
    });
    // Declared as object it is fine (unused until a template reads it, see below).
    expect(issuesOf(flowWith({}, { variables: { split: { type: 'object' } } })).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('a template reads the recorded branch once split is declared', () => {
    const reads = (variables: Flow['variables']) => {
      const flow = flowWith({}, variables ? { variables } : {});
      flow.nodes[1] = { id: 'msg_a', type: 'message', text: 'you are in {{split.ab}}', exits: { next: null } };
      return validateFlow(flow).issues.map((i) => i.code);
    };
    expect(reads(undefined)).toEqual(['undeclared-variable']);
    expect(reads({ split: { type: 'object' } })).toEqual([]);
  });

  it('words its own issues for the studio without code words', () => {
    const flow = flowWith(
      {
        branches: [
          { id: 'a', weight: 0 },
          { id: 'b', weight: 0 },
        ],
        label: 'Copy test',
      },
      { variables: { split: { type: 'list' } } },
    );
    const texts = validateFlow(flow)
      .issues.filter((i) => i.code.startsWith('split-'))
      .map((i) => plainIssueMessage(i, flow));
    expect(texts).toHaveLength(2);
    for (const text of texts) {
      expect(text).toContain('“Copy test”');
      expect(text).not.toMatch(/\bnode\b|'/i);
    }
  });
});
