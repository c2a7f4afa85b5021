import { describe, expect, it } from 'vitest';
import { Conversation, makeFlow } from '../../engine/test-kit';
import type { Flow } from '../../types';

describe('subflow node', () => {
  const child: Flow = makeFlow(
    [
      { id: 'greet', type: 'message', text: 'Child got {{who}} / {{n + 1}}', exits: { next: 'ask' } },
      { id: 'ask', type: 'ask', prompt: 'Child question?', expect: 'text', saveAs: 'answer', exits: { next: 'e' } },
      { id: 'e', type: 'end', outcome: 'child-done' },
    ],
    { id: 'child', variables: { who: { type: 'string' }, n: { type: 'number' }, answer: { type: 'string' } } },
  );
  const parent = makeFlow(
    [
      {
        id: 'call',
        type: 'subflow',
        flow: 'child',
        params: { who: '{{contact.name}}', n: '{{ 41 }}' },
        returns: { result: 'answer' },
        exits: { next: 'after' },
      },
      { id: 'after', type: 'message', text: 'Parent got {{result}}', exits: { next: null } },
    ],
    { id: 'parent' },
  );
  const resolveFlow = (id: string) => (id === 'child' ? child : undefined);

  it('passes params in, waits inside the child, copies returns back and continues', () => {
    const c = new Conversation(parent, { resolveFlow });
    c.start({ contact: { id: 'c', name: 'Ana' } });
    expect(c.texts).toEqual(['Child got Ana / 42', 'Child question?']);
    expect(c.snapshot?.frames.map((f) => [f.flowId, f.at])).toEqual([
      ['parent', 'call'],
      ['child', 'ask'],
    ]);
    expect(c.snapshot?.waitingAt).toBe('ask');
    c.say('forty-two');
    expect(c.texts).toEqual(['Parent got forty-two']);
    expect(c.vars.result).toBe('forty-two');
    expect(c.snapshot?.status).toBe('ended');
  });

  it("lets the caller's interrupts work inside the child, restarting the call on resume", () => {
    const withHelp = makeFlow([...parent.nodes, { id: 'help', type: 'message', text: 'Parent help', exits: { next: null } }], {
      id: 'parent',
      interrupts: [{ intent: 'help', target: 'help', resume: true }],
    });
    const c = new Conversation(withHelp, { resolveFlow });
    c.start({ contact: { id: 'c', name: 'Ana' } });
    c.say('help', { intent: 'help', confidence: 1 });
    expect(c.texts).toEqual(['Parent help', 'Child got Ana / 42', 'Child question?']);
    expect(c.snapshot?.frames.map((f) => f.flowId)).toEqual(['parent', 'child']);
    c.say('done');
    expect(c.texts).toEqual(['Parent got done']);
  });

  it('reports an unknown subflow as an error effect', () => {
    const c = new Conversation(parent);
    c.start();
    expect(c.snapshot?.status).toBe('errored');
    expect(c.of('error')[0]).toMatchObject({ code: 'unknown_subflow' });
  });

  it('stops a subflow that calls itself', () => {
    const loop = makeFlow([{ id: 'again', type: 'subflow', flow: 'loop', exits: { next: null } }], { id: 'loop' });
    const c = new Conversation(loop, { resolveFlow: () => loop });
    c.start();
    expect(c.of('error')[0]).toMatchObject({ code: 'subflow_depth', nodeId: 'again' });
  });
});
