import { describe, expect, it } from 'vitest';
import { Conversation, makeFlow } from '../../engine/test-kit';

describe('message node', () => {
  it('sends localized, templated text and moves on', () => {
    const flow = makeFlow(
      [
        {
          id: 'm',
          type: 'message',
          text: { en: 'Hi {{contact.name}}, total {{format_number(total, 2)}}', es: 'Hola {{contact.name}}' },
          exits: { next: 'e' },
        },
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
        {
          id: 'q',
          type: 'ask',
          prompt: { en: 'Your name?', es: '¿Tu nombre?' },
          expect: 'text',
          saveAs: 'name',
          exits: { next: 'q2', invalid: 'q2' },
        },
        {
          id: 'q2',
          type: 'ask',
          prompt: { en: 'Your city, {{name}}?', es: '¿Tu ciudad, {{name}}?' },
          expect: 'text',
          saveAs: 'city',
          exits: { next: 'bye', invalid: 'bye' },
        },
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
    const flow = makeFlow(
      [
        {
          id: 'm',
          type: 'message',
          media: { type: 'image', url: 'https://x/{{sku}}.png', caption: 'Look' },
          text: 'Nice?',
          exits: { next: null },
        },
      ],
      {
        variables: { sku: { type: 'string', default: 'A1' } },
      },
    );
    const c = new Conversation(flow);
    c.start();
    const sends = c.of('send');
    expect(sends.map((s) => s.message.kind)).toEqual(['media', 'text']);
    expect(sends[0]!.message).toEqual({ kind: 'media', media: { type: 'image', url: 'https://x/A1.png', caption: 'Look' } });
  });

  const buttons = makeFlow([
    {
      id: 'menu',
      type: 'message',
      text: 'Pick',
      saveAs: 'pick',
      buttons: [
        { id: 'yes', title: 'Yes please', synonyms: { en: ['sure'] } },
        { id: 'no', title: 'No thanks' },
      ],
      exits: { yes: 'y', no: 'n', other: 'o' },
    },
    { id: 'y', type: 'message', text: 'Y', exits: { next: null } },
    { id: 'n', type: 'message', text: 'N', exits: { next: null } },
    { id: 'o', type: 'message', text: 'O', exits: { next: null } },
  ]);

  it('offers choices and waits for them', () => {
    const c = new Conversation(buttons);
    c.start();
    expect(c.of('send')[0]!.message).toEqual({
      kind: 'choices',
      text: 'Pick',
      options: [
        { id: 'yes', title: 'Yes please' },
        { id: 'no', title: 'No thanks' },
      ],
    });
    expect(c.snapshot).toMatchObject({ status: 'waiting', waitingAt: 'menu' });
  });

  it.each([
    ['a tap', { kind: 'button' as const, choiceId: 'no' }, undefined, 'N'],
    ['the title typed', { kind: 'text' as const, text: 'NO THANKS!' }, undefined, 'N'],
    ['a synonym', { kind: 'text' as const, text: 'sure' }, undefined, 'Y'],
    ['its number', { kind: 'text' as const, text: '2' }, undefined, 'N'],
    [
      'the NLU match by meaning',
      { kind: 'text' as const, text: 'go ahead' },
      { choice: { id: 'yes', confidence: 0.9, tier: 'classifier' as const } },
      'Y',
    ],
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
        id: 'l',
        type: 'message',
        text: 'Which?',
        list: {
          button: 'Options',
          sections: [
            { title: 'Fruit', rows: [{ id: 'ap', title: 'Apple', description: 'red' }] },
            { rows: [{ id: 'ba', title: 'Banana' }] },
          ],
        },
        exits: { ap: null, ba: null },
      },
    ]);
    const c = new Conversation(flow);
    c.start();
    expect(c.of('send')[0]!.message).toEqual({
      kind: 'choices',
      text: 'Which?',
      listButton: 'Options',
      options: [
        { id: 'ap', title: 'Apple', description: 'red' },
        { id: 'ba', title: 'Banana' },
      ],
      sections: [{ title: 'Fruit', optionIds: ['ap'] }, { optionIds: ['ba'] }],
    });
    c.input({ kind: 'list', choiceId: 'ba' });
    expect(c.snapshot?.status).toBe('ended');
  });
});
