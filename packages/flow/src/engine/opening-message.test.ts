import { describe, expect, it } from 'vitest';
import type { FlowNode } from '../types';
import { Conversation, makeFlow, understanding } from './test-kit';

/** "Which order?" (an order-number entity), then a message that shows what was saved. */
const orderFlow = makeFlow(
  [
    { id: 'intro', type: 'set', assign: [{ variable: 'greeted', value: 'yes' }], exits: { next: 'ask_order' } },
    {
      id: 'ask_order',
      type: 'ask',
      prompt: "What's your order number?",
      expect: 'text',
      saveAs: 'order_ref',
      validate: { test: { op: 'has_entity', args: ['order_id'] }, message: 'Six digits, please.' },
      exits: { next: 'done', invalid: 'done' },
    },
    { id: 'done', type: 'message', text: 'Looking up {{order_ref}}', exits: { next: null } },
  ],
  {
    variables: { order_ref: { type: 'string' }, greeted: { type: 'string' } },
    entities: [{ name: 'order_id', pattern: '\\b(\\d{6})\\b' }],
  },
);
const orderEntity = { entities: [{ type: 'custom' as const, name: 'order_id', value: '123456', text: '123456', start: 18, end: 24 }] };
const opening = 'where is my order 123456? tracking please';

describe('the message that starts a session', () => {
  it('answers the first ask it satisfies: no prompt, the answer is saved and the flow goes on', () => {
    const c = new Conversation(orderFlow);
    c.start({
      trigger: { kind: 'keyword', name: 'order' },
      message: { kind: 'text', text: opening },
      understanding: understanding(orderEntity),
    });
    expect(c.texts).toEqual([`Looking up ${opening}`]);
    expect(c.vars.order_ref).toBe(opening);
    expect(c.snapshot?.status).toBe('ended');
    // The ask was visited and left by its `next` exit, as with a reply.
    expect(
      c
        .of('analytics')
        .filter((a) => a.nodeId === 'ask_order')
        .map((a) => a.name),
    ).toEqual(['node.visit', 'node.exit']);
  });

  it('leaves the question asked when the message does not answer it (no retry counted, no retry prompt)', () => {
    const c = new Conversation(orderFlow);
    c.start({
      trigger: { kind: 'keyword', name: 'order' },
      message: { kind: 'text', text: 'where is my order?' },
      understanding: understanding(),
    });
    expect(c.texts).toEqual(["What's your order number?"]);
    expect(c.snapshot?.waitingAt).toBe('ask_order');
    c.say('it is 123456', orderEntity);
    expect(c.texts).toEqual(['Looking up it is 123456']);
  });

  it('does not fill a free-text ask, which would take any message', () => {
    const flow = makeFlow(
      [{ id: 'name', type: 'ask', prompt: 'Your name?', expect: 'text', saveAs: 'name', exits: { next: null } } as FlowNode],
      { variables: { name: { type: 'string' } } },
    );
    const c = new Conversation(flow);
    c.start({ message: { kind: 'text', text: 'I want a quote' } });
    expect(c.texts).toEqual(['Your name?']);
    expect(c.vars.name).toBeUndefined();
  });

  it('fills a typed ask (a number) and the session language from the opening message', () => {
    const flow = makeFlow(
      [
        {
          id: 'people',
          type: 'ask',
          prompt: { en: 'How many people?', es: '¿Cuántas personas?' },
          expect: 'number',
          saveAs: 'people',
          exits: { next: 'ok' },
        },
        { id: 'ok', type: 'message', text: { en: 'Table for {{people}}', es: 'Mesa para {{people}}' }, exits: { next: null } },
      ],
      { languages: ['en', 'es'], variables: { people: { type: 'number' } } },
    );
    const c = new Conversation(flow);
    c.start({
      message: { kind: 'text', text: 'quiero una mesa para 4 personas' },
      understanding: understanding({ language: 'es', entities: [{ type: 'number', value: 4, text: '4', start: 21, end: 22 }] }),
    });
    expect(c.texts).toEqual(['Mesa para 4']);
  });

  it('is never an event: a reaction or an edit that starts a session is not an answer', () => {
    const c = new Conversation(orderFlow);
    c.start({ message: { kind: 'reaction', text: '123456' }, understanding: understanding(orderEntity) });
    expect(c.texts).toEqual(["What's your order number?"]);
  });
});

describe('user events at a wait', () => {
  const askText = makeFlow(
    [
      {
        id: 'q',
        type: 'ask',
        prompt: 'What should we call you?',
        expect: 'text',
        saveAs: 'name',
        maxRetries: 0,
        exits: { next: 'ok', invalid: 'bad' },
      },
      { id: 'ok', type: 'message', text: 'OK saved={{name}}', exits: { next: null } },
      { id: 'bad', type: 'message', text: 'Never mind', exits: { next: null } },
    ],
    { variables: { name: { type: 'string' } }, interrupts: [{ intent: 'agent', target: 'bad', resume: false }] },
  );

  it('a reaction, an edit or a system notice at a text question is not saved, not re-asked, and the question keeps waiting', () => {
    const c = new Conversation(askText);
    c.start();
    for (const message of [
      { kind: 'reaction' as const, text: '😮' },
      { kind: 'reaction' as const },
      { kind: 'unsupported' as const },
      { kind: 'unsupported' as const, text: 'User A changed from 1 to 2' },
    ]) {
      c.input(message, { intent: 'agent', confidence: 1 });
      expect(c.effects).toEqual([]);
      expect(c.snapshot?.waitingAt).toBe('q');
      expect(c.vars.name).toBeUndefined();
    }
    c.say('Ana');
    expect(c.texts).toEqual(['OK saved=Ana']);
  });

  it('a reaction at a choice does not take its `other` exit', () => {
    const flow = makeFlow([
      {
        id: 'menu',
        type: 'message',
        text: 'Pick',
        buttons: [
          { id: 'yes', title: 'Yes' },
          { id: 'no', title: 'No' },
        ],
        exits: { yes: 'y', no: 'y', other: 'o' },
      },
      { id: 'y', type: 'message', text: 'picked', exits: { next: null } },
      { id: 'o', type: 'message', text: 'other', exits: { next: null } },
    ]);
    const c = new Conversation(flow);
    c.start();
    c.input({ kind: 'reaction', text: '👍' });
    expect(c.effects).toEqual([]);
    expect(c.snapshot?.waitingAt).toBe('menu');
  });
});

describe('free text routed into a subflow', () => {
  const askAdults = (expect: 'text' | 'number') =>
    makeFlow(
      [
        {
          id: 'ask_what',
          type: 'ask',
          prompt: expect === 'text' ? 'What can I help you with?' : 'How many adults?',
          expect,
          saveAs: 'what',
          exits: { next: 'call' },
        },
        { id: 'call', type: 'subflow', flow: 'orders', exits: { next: null } },
      ],
      { id: 'front', variables: { what: { type: expect === 'text' ? 'string' : 'number' } } },
    );
  const orders = makeFlow(
    [
      {
        id: 'ask_order',
        type: 'ask',
        prompt: "What's your order number?",
        expect: 'text',
        saveAs: 'order_ref',
        validate: { test: { op: 'has_entity', args: ['order_id'] } },
        exits: { next: 'done', invalid: 'done' },
      },
      { id: 'done', type: 'message', text: 'Looking up {{order_ref}}', exits: { next: null } },
    ],
    { id: 'orders', variables: { order_ref: { type: 'string' } }, entities: [{ name: 'order_id', pattern: '\\b(\\d{6})\\b' }] },
  );
  const children = makeFlow(
    [
      { id: 'ask_children', type: 'ask', prompt: 'How many children?', expect: 'number', saveAs: 'kids', exits: { next: 'done' } },
      { id: 'done', type: 'message', text: '{{kids}} children', exits: { next: null } },
    ],
    { id: 'orders', variables: { kids: { type: 'number' } } },
  );

  it('opens the subflow like a trigger message: the subflow reads it with its own entities and skips a question it answers', () => {
    const c = new Conversation(askAdults('text'), { resolveFlow: (id) => (id === 'orders' ? orders : undefined) });
    c.start();
    // Understood with the calling flow, which knows no order_id entity.
    c.say('where is my order 123456?', { intent: 'order_status', confidence: 0.9 });
    expect(c.texts).toEqual(['Looking up where is my order 123456?']);
  });

  it("still asks when the message does not answer the subflow's question", () => {
    const c = new Conversation(askAdults('text'), { resolveFlow: (id) => (id === 'orders' ? orders : undefined) });
    c.start();
    c.say('where is my order?');
    expect(c.texts).toEqual(["What's your order number?"]);
  });

  it('does not carry a typed answer: "2" adults does not also answer "how many children?"', () => {
    const c = new Conversation(askAdults('number'), { resolveFlow: (id) => (id === 'orders' ? children : undefined) });
    c.start();
    c.say('2', { entities: [{ type: 'number', value: 2, text: '2', start: 0, end: 1 }] });
    expect(c.texts).toEqual(['How many children?']);
  });
});
