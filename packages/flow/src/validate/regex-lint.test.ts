/**
 * Flow patterns run on RE2: the validator reports what RE2 cannot express with a message
 * that names the construct, and accepts patterns that only a backtracking engine feared.
 */
import { describe, expect, it } from 'vitest';
import type { Flow } from '../types';
import { validateFlow } from './validate-flow';

function flowWith(pattern: string): Flow {
  return {
    id: 'patterns',
    name: 'Patterns',
    specVersion: '1.0.0',
    revision: 1,
    languages: ['en'],
    start: 'decide',
    intents: [{ name: 'order', patterns: [pattern] }],
    entities: [{ name: 'code', pattern }],
    nodes: [
      {
        id: 'decide',
        type: 'route',
        cases: [{ id: 'hit', test: { op: 'has_pattern', args: [pattern] } }],
        exits: { hit: 'bye', default: 'bye' },
      },
      { id: 'bye', type: 'end' },
    ],
  } as Flow;
}

const regexIssues = (pattern: string) => validateFlow(flowWith(pattern)).issues.filter((i) => i.code.startsWith('regex-'));

describe('regex lint on RE2', () => {
  it('reports a lookahead where it is written, with what to do instead', () => {
    expect(regexIssues('^(?=x)\\w+$')).toEqual([
      {
        severity: 'error',
        code: 'regex-unsupported',
        path: '/entities/0/pattern',
        message:
          "The regular expression in the pattern of entity 'code' uses a lookahead `(?=`, which Parley's pattern engine (RE2) does not support; match the text itself instead, or put the condition in a route case of its own.",
      },
      {
        severity: 'error',
        code: 'regex-unsupported',
        path: '/intents/0/patterns/0',
        message:
          "The regular expression in pattern 1 of intent 'order' uses a lookahead `(?=`, which Parley's pattern engine (RE2) does not support; match the text itself instead, or put the condition in a route case of its own.",
      },
      {
        severity: 'error',
        code: 'regex-unsupported',
        path: '/nodes/0/cases/0/test/args/0',
        nodeId: 'decide',
        message:
          "The regular expression in the has_pattern test of node 'decide' uses a lookahead `(?=`, which Parley's pattern engine (RE2) does not support; match the text itself instead, or put the condition in a route case of its own.",
      },
    ]);
  });

  it('reports a backreference', () => {
    const issue = regexIssues('(\\d)\\1').find((i) => i.nodeId === 'decide');
    expect(issue).toEqual({
      severity: 'error',
      code: 'regex-unsupported',
      path: '/nodes/0/cases/0/test/args/0',
      nodeId: 'decide',
      message:
        "The regular expression in the has_pattern test of node 'decide' uses a backreference `\\1`, which Parley's pattern engine (RE2) does not support; repeat the group's pattern instead.",
    });
  });

  it('reports a pattern that does not compile as regex-invalid', () => {
    const issue = regexIssues('order (\\d+').find((i) => i.nodeId === 'decide');
    expect(issue?.code).toBe('regex-invalid');
    expect(issue?.message).toBe(
      "The regular expression in the has_pattern test of node 'decide' does not compile: missing closing ): `order (\\d+`.",
    );
  });

  it('accepts the patterns of issue #9 (they are harmless on RE2)', () => {
    for (const pattern of ['^(a+){10}$', '^(.*a){10}$', '^\\d+\\d+\\d+\\d+\\d+\\d+\\d+\\d+$', '^(a+)+$']) {
      expect(regexIssues(pattern), pattern).toEqual([]);
    }
  });
});
