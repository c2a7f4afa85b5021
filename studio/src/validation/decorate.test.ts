import { describe, expect, it } from 'vitest';
import type { Flow } from '@parley/flow';
import { decorate, indexIssues, locateIssue } from './decorate';

const flow: Flow = {
  id: 'f',
  name: 'F',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'a',
  nodes: [
    { id: 'a', type: 'message', text: 'hi', exits: { next: 'zzz' } },
    { id: 'b', type: 'end' },
  ],
};

describe('issue decorations', () => {
  it('locates issues by node id or by /nodes/<index> path', () => {
    expect(locateIssue(flow, { severity: 'error', code: 'x', message: 'm', path: '/nodes/1/outcome' })).toEqual({
      nodeId: 'b',
      subPath: '/outcome',
    });
    expect(locateIssue(flow, { severity: 'error', code: 'x', message: 'm', path: '/start' })).toEqual({ subPath: '' });
  });

  it('marks dangling exits and counts errors and warnings per node', () => {
    const index = indexIssues(flow, [
      { severity: 'error', code: 'dangling-exit', message: 'Exit next goes nowhere', path: '/nodes/0/exits/next', nodeId: 'a' },
      { severity: 'warning', code: 'w', message: 'careful', path: '/nodes/0/text', nodeId: 'a' },
      { severity: 'error', code: 'start', message: 'bad start', path: '/start' },
    ]);
    expect(index.flowLevel).toHaveLength(1);
    expect([...index.badEdges]).toEqual(['a→next']);
    const decos = decorate(flow, { index });
    expect(decos.get('a')).toMatchObject({ errors: ['Exit next goes nowhere'], warnings: ['careful'], badExits: ['next'] });
    expect(decos.has('b')).toBe(false);
    // Unchanged decorations keep their identity so the canvas does not re-render them.
    expect(decorate(flow, { index }, decos).get('a')).toBe(decos.get('a'));
  });

  it('dims nodes outside the search matches and highlights the active node', () => {
    const decos = decorate(flow, { index: indexIssues(flow, []), matches: new Set(['a']), activeNode: 'a' });
    expect(decos.get('a')).toMatchObject({ active: true, dimmed: false });
    expect(decos.get('b')).toMatchObject({ dimmed: true });
  });
});
