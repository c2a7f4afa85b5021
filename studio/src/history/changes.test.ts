import { describe, expect, it } from 'vitest';
import type { Flow, FlowNode } from '@parley/flow';
import { flowChanges } from './changes';

const flow = (nodes: FlowNode[], extra: Partial<Flow> = {}): Flow => ({
  id: 'shop',
  name: 'Shop',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'hi',
  nodes,
  ...extra,
});

describe('flowChanges', () => {
  it('lists added, removed and changed steps with their changed fields and moved connections', () => {
    const before = flow([
      { id: 'hi', type: 'message', text: 'Hello', exits: { next: 'ask' } },
      { id: 'ask', type: 'ask', prompt: 'Email?', expect: 'email', saveAs: 'email', exits: { next: 'bye' } },
      { id: 'old', type: 'end' },
      { id: 'bye', type: 'end' },
    ] as FlowNode[]);
    const after = flow(
      [
        { id: 'hi', type: 'message', text: 'Hello', exits: { next: 'ask' } },
        {
          id: 'ask',
          type: 'ask',
          prompt: 'Your email?',
          expect: 'email',
          saveAs: 'email',
          retryPrompt: 'Not an email',
          exits: { next: 'thanks', invalid: null },
        },
        { id: 'thanks', type: 'message', text: 'Thanks', exits: { next: 'bye' } },
        { id: 'bye', type: 'end' },
      ] as FlowNode[],
      { revision: 7, languages: ['en', 'es'] },
    );
    expect(flowChanges(before, after)).toEqual({
      nodes: [
        {
          nodeId: 'ask',
          type: 'ask',
          kind: 'changed',
          fields: ['prompt', 'retryPrompt'],
          edges: [
            { exit: 'next', from: 'bye', to: 'thanks' },
            { exit: 'invalid', from: undefined, to: null },
          ],
        },
        { nodeId: 'thanks', type: 'message', kind: 'added', fields: [], edges: [{ exit: 'next', from: undefined, to: 'bye' }] },
        { nodeId: 'old', type: 'end', kind: 'removed', fields: [], edges: [] },
      ],
      // The revision bump is not a change anyone made.
      settings: ['languages'],
    });
  });

  it('finds nothing between equal flows', () => {
    const f = flow([{ id: 'hi', type: 'end' } as FlowNode]);
    expect(flowChanges(f, { ...f, revision: 9 })).toEqual({ nodes: [], settings: [] });
  });
});
