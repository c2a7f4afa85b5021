import { describe, expect, it } from 'vitest';
import { expectationsAt } from './expectations';
import { Conversation, makeFlow } from './test-kit';

const flow = makeFlow(
  [
    {
      id: 'menu',
      type: 'message',
      text: 'Hi',
      buttons: [
        { id: 'track', title: 'Track order', synonyms: { en: ['where is it'] } },
        { id: 'other', title: 'Other' },
      ],
      exits: { track: 'q', other: 'free' },
    },
    { id: 'q', type: 'ask', prompt: 'Order number?', expect: 'number', saveAs: 'order', exits: { next: null } },
    { id: 'free', type: 'ask', prompt: 'Tell me', expect: 'text', saveAs: 'said', exits: { next: 'note' } },
    { id: 'note', type: 'set', assign: [{ variable: 'x', value: '1' }], exits: { next: 'r' } },
    {
      id: 'r',
      type: 'route',
      cases: [
        { id: 'refund', test: { op: 'has_intent', args: ['refund', 0.7] } },
        { id: 'buy', test: { op: 'has_intent', args: ['buy'] } },
        { id: 'y', test: { op: 'is_yes' } },
      ],
      exits: { refund: 'q', buy: 'q', y: 'q', default: 'q' },
    },
  ],
  { interrupts: [{ intent: 'agent', target: 'q', resume: false }] },
);

describe('expectationsAt', () => {
  it('lists the choices offered at a choice wait, with synonyms', () => {
    const c = new Conversation(flow);
    c.start();
    expect(expectationsAt(flow, c.snapshot)).toEqual({
      nodeId: 'menu',
      intents: ['agent'],
      interruptIntents: ['agent'],
      choices: [
        { id: 'track', title: 'Track order', synonyms: ['where is it'] },
        { id: 'other', title: 'Other' },
      ],
      language: 'en',
    });
  });

  it('lists the has_intent intents reachable after the wait without another wait, and the ask type', () => {
    const c = new Conversation(flow);
    c.start();
    c.input({ kind: 'button', choiceId: 'other' });
    expect(expectationsAt(flow, c.snapshot)).toMatchObject({
      nodeId: 'free',
      intents: ['refund', 'buy', 'agent'],
      expect: 'text',
      choices: [],
    });
  });

  it('expects nothing but interrupts before start and after the end', () => {
    expect(expectationsAt(flow, null)).toMatchObject({ nodeId: null, intents: ['agent'] });
    const c = new Conversation(flow);
    c.start();
    c.input({ kind: 'button', choiceId: 'track' });
    c.say('12');
    expect(c.snapshot?.status).toBe('ended');
    expect(expectationsAt(flow, c.snapshot).nodeId).toBeNull();
  });
});
