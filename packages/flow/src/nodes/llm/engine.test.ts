import { describe, expect, it } from 'vitest';
import { Conversation, makeFlow } from '../../engine/test-kit';

describe('llm node', () => {
  it('sends and saves the LLM text, or the fallback on failure', () => {
    const flow = makeFlow(
      [
        {
          id: 'l',
          type: 'llm',
          prompt: 'Answer {{q}}',
          context: ['q'],
          saveAs: 'reply',
          fallback: 'Sorry, try later',
          exits: { next: null },
        },
      ],
      { variables: { q: { type: 'string', default: 'why?' } } },
    );
    const c = new Conversation(flow);
    c.start();
    expect(c.of('llm')).toEqual([{ type: 'llm', requestId: 'l@1', nodeId: 'l', prompt: 'Answer why?', context: { q: 'why?' } }]);
    c.send({ type: 'llm.done', requestId: 'l@1', text: 'Because.' });
    expect(c.texts).toEqual(['Because.']);
    expect(c.vars.reply).toBe('Because.');
    c.start();
    c.send({ type: 'llm.failed', requestId: 'l@3', error: 'timeout' });
    expect(c.texts).toEqual(['Sorry, try later']);
  });
});
