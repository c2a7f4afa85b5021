import { describe, expect, it } from 'vitest';
import { Conversation, makeFlow } from './test-kit';

describe('message node', () => {
  it('sends localized, templated text and moves on', () => {
    const flow = makeFlow(
      [
        { id: 'm', type: 'message', text: { en: 'Hi {{contact.name}}, total {{format_number(total, 2)}}', es: 'Hola {{contact.name}}' }, exits: { next: 'e' } },
        { id: 'e', type: 'end' },
      ],
      { languages: ['en', 'es'], variables: { total: { type: 'number', default: 12.5 } } },
    );
    const c = new Conversation(flow);
    c.start({ contact: { id: 'c1', name: 'Ana' } });
    expect(c.texts).toEqual(['Hi Ana, total 12.50']);
    expect(c.snapshot?.status).toBe('ended');
    c.start({ contact: { id: 'c1', name: 'Ana', language: 'es-MX' } });
    expect(c.texts).toEqual(['Hola Ana']);
  });

  it('switches the session to another language the flow speaks when the user writes in it (not on a word or two)', () => {
    const flow = makeFlow(
      [
        { id: 'q', type: 'ask', prompt: { en: 'Your name?', es: '¿Tu nombre?' }, expect: 'text', saveAs: 'name', exits: { next: 'q2', invalid: 'q2' } },
        { id: 'q2', type: 'ask', prompt: { en: 'Your city, {{name}}?', es: '¿Tu ciudad, {{name}}?' }, expect: 'text', saveAs: 'city', exits: { next: 'bye', invalid: 'bye' } },
        { id: 'bye', type: 'message', text: { en: 'Thanks', es: 'Gracias' }, exits: { next: null } },
      ],
      { languages: ['en', 'es'] },
    );
    const c = new Conversation(flow);
    c.start();
    expect(c.texts).toEqual(['Your name?']);
    c.say('Ana', { language: 'es' });
    expect(c.texts).toEqual(['Your city, Ana?']);
    c.say('vivo en la ciudad de Sevilla', { language: 'es' });
    expect(c.texts).toEqual(['Gracias']);
    expect(c.snapshot?.language).toBe('es');
    // A language the flow does not speak changes nothing.
    const d = new Conversation(flow);
    d.start();
    d.say('je suis Ana Dupont', { language: 'fr' });
    expect(d.texts).toEqual(['Your city, je suis Ana Dupont?']);
  });

  it('sends media before the text', () => {
    const flow = makeFlow([{ id: 'm', type: 'message', media: { type: 'image', url: 'https://x/{{sku}}.png', caption: 'Look' }, text: 'Nice?', exits: { next: null } }], {
      variables: { sku: { type: 'string', default: 'A1' } },
    });
    const c = new Conversation(flow);
    c.start();
    const sends = c.of('send');
    expect(sends.map((s) => s.message.kind)).toEqual(['media', 'text']);
    expect(sends[0]!.message).toEqual({ kind: 'media', media: { type: 'image', url: 'https://x/A1.png', caption: 'Look' } });
  });

  const buttons = makeFlow([
    {
      id: 'menu', type: 'message', text: 'Pick', saveAs: 'pick',
      buttons: [{ id: 'yes', title: 'Yes please', synonyms: { en: ['sure'] } }, { id: 'no', title: 'No thanks' }],
      exits: { yes: 'y', no: 'n', other: 'o' },
    },
    { id: 'y', type: 'message', text: 'Y', exits: { next: null } },
    { id: 'n', type: 'message', text: 'N', exits: { next: null } },
    { id: 'o', type: 'message', text: 'O', exits: { next: null } },
  ]);

  it('offers choices and waits for them', () => {
    const c = new Conversation(buttons);
    c.start();
    expect(c.of('send')[0]!.message).toEqual({ kind: 'choices', text: 'Pick', options: [{ id: 'yes', title: 'Yes please' }, { id: 'no', title: 'No thanks' }] });
    expect(c.snapshot).toMatchObject({ status: 'waiting', waitingAt: 'menu' });
  });

  it.each([
    ['a tap', { kind: 'button' as const, choiceId: 'no' }, undefined, 'N'],
    ['the title typed', { kind: 'text' as const, text: 'NO THANKS!' }, undefined, 'N'],
    ['a synonym', { kind: 'text' as const, text: 'sure' }, undefined, 'Y'],
    ['its number', { kind: 'text' as const, text: '2' }, undefined, 'N'],
    ['the NLU match by meaning', { kind: 'text' as const, text: 'go ahead' }, { choice: { id: 'yes', confidence: 0.9, tier: 'classifier' as const } }, 'Y'],
    ['anything else → other', { kind: 'text' as const, text: 'what?' }, undefined, 'O'],
  ])('picks by %s', (_label, message, understood, expected) => {
    const c = new Conversation(buttons);
    c.start();
    c.input(message, understood);
    expect(c.texts).toEqual([expected]);
    if (expected !== 'O') expect(c.vars.pick).toBe(expected === 'Y' ? 'yes' : 'no');
    if (expected === 'O') expect(c.of('analytics').some((a) => a.name === 'misunderstood')).toBe(true);
  });

  it('re-sends the choices when there is no other exit', () => {
    const flow = makeFlow([{ id: 'menu', type: 'message', text: 'Pick', buttons: [{ id: 'a', title: 'A' }], exits: { a: null } }]);
    const c = new Conversation(flow);
    c.start();
    c.say('hmm');
    expect(c.texts).toEqual(['Pick']);
    expect(c.snapshot?.waitingAt).toBe('menu');
  });

  it('renders a list with sections', () => {
    const flow = makeFlow([
      {
        id: 'l', type: 'message', text: 'Which?',
        list: { button: 'Options', sections: [{ title: 'Fruit', rows: [{ id: 'ap', title: 'Apple', description: 'red' }] }, { rows: [{ id: 'ba', title: 'Banana' }] }] },
        exits: { ap: null, ba: null },
      },
    ]);
    const c = new Conversation(flow);
    c.start();
    expect(c.of('send')[0]!.message).toEqual({
      kind: 'choices', text: 'Which?', listButton: 'Options',
      options: [{ id: 'ap', title: 'Apple', description: 'red' }, { id: 'ba', title: 'Banana' }],
      sections: [{ title: 'Fruit', optionIds: ['ap'] }, { optionIds: ['ba'] }],
    });
    c.input({ kind: 'list', choiceId: 'ba' });
    expect(c.snapshot?.status).toBe('ended');
  });
});

describe('ask node', () => {
  const ageFlow = makeFlow(
    [
      { id: 'age', type: 'ask', prompt: 'How old?', expect: 'number', saveAs: 'age', retryPrompt: 'Digits please', maxRetries: 2, exits: { next: 'ok', invalid: 'bad' } },
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
        id: 'qty', type: 'ask', prompt: 'How many?', expect: 'number', saveAs: 'qty',
        validate: { test: { op: 'has_number_between', args: [1, 10] }, message: 'Between 1 and 10' }, exits: { next: null },
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
      { id: 'q', type: 'ask', prompt: 'Budget?', expect: 'choice', choices: [{ id: 'low', title: '< 1k' }, { id: 'high', title: '> 1k' }], saveAs: 'budget', exits: { next: null } },
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
    expect(c.of('timer.schedule')).toEqual([{ type: 'timer.schedule', timerId: 'ask_timeout', kind: 'ask_timeout', delayMs: 120_000, sprint: 1 }]);
    c.fire('ask_timeout');
    expect(c.texts).toEqual(['Too slow']);
  });
});

describe('route node', () => {
  const flow = makeFlow(
    [
      {
        id: 'r', type: 'route',
        cases: [
          { id: 'intent', test: { op: 'has_intent', args: ['order_status', 0.6] } },
          { id: 'num', test: { op: 'has_number_gt', args: [10] } },
          { id: 'vip', test: { op: 'expression', args: ['vip and total > 100'] } },
        ],
        exits: { intent: 'a', num: 'b', vip: 'c', default: 'd' },
      },
      { id: 'a', type: 'message', text: 'intent', exits: { next: null } },
      { id: 'b', type: 'message', text: 'number {{route.value}}', exits: { next: null } },
      { id: 'c', type: 'message', text: 'vip', exits: { next: null } },
      { id: 'd', type: 'message', text: 'default', exits: { next: null } },
    ],
    { variables: { vip: { type: 'boolean', default: false }, total: { type: 'number', default: 0 } } },
  );
  const wait = makeFlow([{ id: 'w', type: 'ask', prompt: 'Say', expect: 'text', saveAs: 'said', exits: { next: 'r' } }, ...flow.nodes], { variables: flow.variables });

  it('takes the first matching case in order', () => {
    const c = new Conversation(wait);
    c.start();
    c.say('where is order 55', { intent: 'order_status', confidence: 0.9 });
    expect(c.texts).toEqual(['intent']);
    c.start();
    c.say('55');
    expect(c.texts).toEqual(['number 55']);
    c.start();
    c.say('hello');
    expect(c.texts).toEqual(['default']);
  });

  it('reads variables through expressions and operand templates', () => {
    const c = new Conversation(flow);
    c.start({ trigger: { kind: 'event', name: 'x', params: { vip: true, total: '150' } } });
    expect(c.texts).toEqual(['vip']);
    const operand = makeFlow([
      { id: 'r', type: 'route', operand: '{{plan}}', cases: [{ id: 'pro', test: { op: 'equals', args: ['PRO'] } }], exits: { pro: 'p', default: null } },
      { id: 'p', type: 'message', text: 'pro!', exits: { next: null } },
    ], { variables: { plan: { type: 'string', default: 'pro' } } });
    const d = new Conversation(operand);
    d.start();
    expect(d.texts).toEqual(['pro!']);
  });
});

describe('set node', () => {
  it('assigns in order, keeps types, coerces to declared types, reports bad expressions without stopping', () => {
    const flow = makeFlow(
      [
        {
          id: 's', type: 'set',
          assign: [
            { variable: 'n', value: '{{ 2 * 21 }}' },
            { variable: 'label', value: 'n is {{n}}' },
            { variable: 'count', value: '7' },
            { variable: 'broken', value: '{{ 1 / 0 }}' },
            { variable: 'items', value: "{{ ['a', 'b'] }}" },
          ],
          exits: { next: 'm' },
        },
        { id: 'm', type: 'message', text: '{{label}} {{count + 1}} {{join(items, "+")}}', exits: { next: null } },
      ],
      { variables: { count: { type: 'number' } } },
    );
    const c = new Conversation(flow);
    c.start();
    expect(c.texts).toEqual(['n is 42 8 a+b']);
    expect(c.vars).toMatchObject({ n: 42, label: 'n is 42', count: 7, broken: null, items: ['a', 'b'] });
    expect(c.of('analytics').find((a) => a.name === 'expression.error')).toMatchObject({ nodeId: 's', data: { message: 'broken: division by zero' } });
  });
});

describe('http node', () => {
  const flow = makeFlow(
    [
      {
        id: 'h', type: 'http', method: 'POST', url: 'https://api.test/orders/{{order}}', headers: { 'x-id': '{{contact.id}}' }, body: '{"q":"{{order}}"}',
        timeoutMs: 3000, retries: 1, map: { state: 'body.status', code: 'status', first: 'body.items[0].name', why: 'error' }, exits: { success: 'ok', failure: 'ko' },
      },
      { id: 'ok', type: 'message', text: 'Order is {{state}}', exits: { next: null } },
      { id: 'ko', type: 'message', text: 'Lookup failed', exits: { next: null } },
    ],
    { variables: { order: { type: 'string', default: 'A1' } } },
  );

  it('emits the request and maps a 2xx response', () => {
    const c = new Conversation(flow);
    c.start();
    const [http] = c.of('http');
    expect(http).toEqual({
      type: 'http', requestId: 'h@1', nodeId: 'h',
      request: { method: 'POST', url: 'https://api.test/orders/A1', headers: { 'x-id': 'c1' }, body: '{"q":"A1"}', timeoutMs: 3000, retries: 1 },
    });
    expect(c.snapshot?.waitingAt).toBe('h');
    c.send({ type: 'http.done', requestId: 'h@1', status: 200, body: { status: 'shipped', items: [{ name: 'Shoe' }] } });
    expect(c.texts).toEqual(['Order is shipped']);
    expect(c.vars).toMatchObject({ state: 'shipped', code: 200, first: 'Shoe' });
  });

  it.each([
    ['a non-2xx status', { type: 'http.done' as const, requestId: 'h@1', status: 404, body: { status: 'unknown order' } }, { code: 404, state: 'unknown order', why: null }],
    ['a transport failure', { type: 'http.failed' as const, requestId: 'h@1', error: 'ECONNRESET' }, { code: 0, state: null, why: 'ECONNRESET' }],
  ])('takes failure on %s, with the status (and error) mapped so the flow can tell them apart', (_label, event, mapped) => {
    const c = new Conversation(flow);
    c.start();
    c.send(event);
    expect(c.texts).toEqual(['Lookup failed']);
    expect(c.vars).toMatchObject(mapped);
  });

  it('ignores a result for another request id', () => {
    const c = new Conversation(flow);
    c.start();
    const before = c.snapshot;
    const effects = c.send({ type: 'http.done', requestId: 'h@0', status: 200, body: {} });
    expect(effects).toEqual([]);
    expect(c.snapshot).toEqual(before);
  });
});

describe('template, handoff, wait, llm and end nodes', () => {
  it('sends a template with rendered parameters', () => {
    const flow = makeFlow([
      { id: 't', type: 'template', name: 'cart_reminder', language: 'en_US', params: { body: ['{{contact.name}}', '{{format_number(total, 2)}}'] }, exits: { next: null } },
    ], { variables: { total: { type: 'number', default: 9 } } });
    const c = new Conversation(flow);
    c.start({ contact: { id: 'c', name: 'Bo' } });
    expect(c.of('send')[0]!.message).toEqual({ kind: 'template', name: 'cart_reminder', language: 'en_US', params: { body: ['Bo', '9.00'] } });
  });

  it('hands off, ignores messages while handed off, and continues when released', () => {
    const flow = makeFlow([
      { id: 'h', type: 'handoff', queue: 'sales', reason: 'asked', message: 'Connecting you', exits: { next: 'back' } },
      { id: 'back', type: 'message', text: 'Bot again, note: {{note}}', exits: { next: null } },
    ]);
    const c = new Conversation(flow);
    c.start();
    expect(c.texts).toEqual(['Connecting you']);
    expect(c.of('handoff')).toEqual([{ type: 'handoff', nodeId: 'h', queue: 'sales', reason: 'asked' }]);
    expect(c.snapshot?.status).toBe('handoff');
    expect(c.say('hello?')).toEqual([]);
    c.send({ type: 'handoff.released', variables: { note: 'solved' } });
    expect(c.texts).toEqual(['Bot again, note: solved']);
  });

  it('waits for the wait timer', () => {
    const flow = makeFlow([
      { id: 'w', type: 'wait', duration: '1h', exits: { next: 'm' } },
      { id: 'm', type: 'message', text: 'An hour later', exits: { next: null } },
    ]);
    const c = new Conversation(flow);
    c.start();
    expect(c.of('timer.schedule')[0]).toMatchObject({ timerId: 'wait', kind: 'wait', delayMs: 3_600_000 });
    expect(c.snapshot?.status).toBe('active');
    c.fire('wait');
    expect(c.texts).toEqual(['An hour later']);
  });

  it('sends and saves the LLM text, or the fallback on failure', () => {
    const flow = makeFlow([
      { id: 'l', type: 'llm', prompt: 'Answer {{q}}', context: ['q'], saveAs: 'reply', fallback: 'Sorry, try later', exits: { next: null } },
    ], { variables: { q: { type: 'string', default: 'why?' } } });
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

  it('ends with the outcome and cancels timers', () => {
    const flow = makeFlow([{ id: 'e', type: 'end', outcome: 'converted' }], { settings: { expireAfter: '1d' } });
    const c = new Conversation(flow);
    c.start();
    expect(c.of('end')).toEqual([{ type: 'end', outcome: 'converted' }]);
    expect(c.snapshot).toMatchObject({ status: 'ended', outcome: 'converted', timers: {} });
    expect(c.say('anyone?')).toEqual([]);
  });
});
