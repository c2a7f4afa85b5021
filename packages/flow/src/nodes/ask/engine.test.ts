import { describe, expect, it } from 'vitest';
import { Conversation, makeFlow } from '../../engine/test-kit';

describe('ask node', () => {
  const ageFlow = makeFlow(
    [
      {
        id: 'age',
        type: 'ask',
        prompt: 'How old?',
        expect: 'number',
        saveAs: 'age',
        retryPrompt: 'Digits please',
        maxRetries: 2,
        exits: { next: 'ok', invalid: 'bad' },
      },
      { id: 'ok', type: 'message', text: 'Age {{age}}', exits: { next: null } },
      { id: 'bad', type: 'message', text: 'Giving up', exits: { next: null } },
    ],
    { variables: { age: { type: 'number' } } },
  );

  it('stores a valid answer and continues', () => {
    const c = new Conversation(ageFlow);
    c.start();
    expect(c.texts).toEqual(['How old?']);
    c.say('42');
    expect(c.vars.age).toBe(42);
    expect(c.texts).toEqual(['Age 42']);
  });

  it('uses entities from the understanding', () => {
    const c = new Conversation(ageFlow);
    c.start();
    c.say('I am forty two', { entities: [{ type: 'number', text: 'forty two', value: 42, start: 5, end: 14 }] });
    expect(c.vars.age).toBe(42);
  });

  it('retries with the retry prompt, then takes invalid', () => {
    const c = new Conversation(ageFlow);
    c.start();
    c.say('old');
    expect(c.texts).toEqual(['Digits please']);
    c.say('very old');
    expect(c.texts).toEqual(['Digits please']);
    c.say('ancient');
    expect(c.texts).toEqual(['Giving up']);
    expect(c.vars.age).toBeUndefined();
  });

  it('applies the extra validation with its own message', () => {
    const flow = makeFlow([
      {
        id: 'qty',
        type: 'ask',
        prompt: 'How many?',
        expect: 'number',
        saveAs: 'qty',
        validate: { test: { op: 'has_number_between', args: [1, 10] }, message: 'Between 1 and 10' },
        exits: { next: null },
      },
    ]);
    const c = new Conversation(flow);
    c.start();
    c.say('50');
    expect(c.texts).toEqual(['Between 1 and 10']);
    c.say('5');
    expect(c.vars.qty).toBe(5);
  });

  it.each([
    ['email', { kind: 'text' as const, text: 'Ana@Example.com' }, 'ana@example.com'],
    ['phone', { kind: 'text' as const, text: '+34 600 111 222' }, '+34600111222'],
    ['date', { kind: 'text' as const, text: '2026-12-24' }, '2026-12-24'],
    ['text', { kind: 'text' as const, text: '  hello ' }, 'hello'],
    ['location', { kind: 'location' as const, location: { latitude: 1, longitude: 2 } }, { latitude: 1, longitude: 2 }],
    ['media', { kind: 'media' as const, media: { type: 'image' as const, id: 'm1' } }, { type: 'image', id: 'm1' }],
  ])('accepts a %s answer', (expect_, message, value) => {
    const flow = makeFlow([{ id: 'q', type: 'ask', prompt: 'Q', expect: expect_ as 'text', saveAs: 'answer', exits: { next: null } }]);
    const c = new Conversation(flow);
    c.start();
    c.input(message);
    expect(c.vars.answer).toEqual(value);
  });

  it('asks for a choice with buttons and stores the id', () => {
    const flow = makeFlow([
      {
        id: 'q',
        type: 'ask',
        prompt: 'Budget?',
        expect: 'choice',
        choices: [
          { id: 'low', title: '< 1k' },
          { id: 'high', title: '> 1k' },
        ],
        saveAs: 'budget',
        exits: { next: null },
      },
    ]);
    const c = new Conversation(flow);
    c.start();
    expect(c.of('send')[0]!.message.kind).toBe('choices');
    c.input({ kind: 'button', choiceId: 'high' });
    expect(c.vars.budget).toBe('high');
  });

  it('takes the timeout exit when its timer fires', () => {
    const flow = makeFlow([
      { id: 'q', type: 'ask', prompt: 'Q', expect: 'text', saveAs: 'a', timeout: '2m', exits: { next: null, timeout: 't' } },
      { id: 't', type: 'message', text: 'Too slow', exits: { next: null } },
    ]);
    const c = new Conversation(flow);
    c.start();
    expect(c.of('timer.schedule')).toEqual([
      { type: 'timer.schedule', timerId: 'ask_timeout', kind: 'ask_timeout', delayMs: 120_000, sprint: 1 },
    ]);
    c.fire('ask_timeout');
    expect(c.texts).toEqual(['Too slow']);
  });
});
