import { describe, expect, it } from 'vitest';
import type { AskNode } from '../../types';
import { Conversation, makeFlow } from '../../engine/test-kit';
import { RETRY_MESSAGE_LANGUAGES } from './retry-messages';

const ask = (expect: AskNode['expect'], extra: Partial<AskNode> = {}): AskNode =>
  ({ id: 'q', type: 'ask', prompt: 'Your answer?', expect, saveAs: 'answer', exits: { next: null }, ...extra }) as AskNode;

describe('an ask without a retryPrompt', () => {
  it('says what kind of answer it expects when the answer is not valid', () => {
    const cases: Array<[AskNode['expect'], string]> = [
      ['email', 'Please enter a valid email address, like name@example.com.'],
      ['number', 'Please enter a number, like 42.'],
      ['date', 'Please enter a valid date, like 24/12 or “tomorrow”.'],
      ['phone', 'Please enter a valid phone number with its country code, like +1 555 123 4567.'],
      ['location', 'Please share a location (tap 📎, then Location).'],
    ];
    for (const [kind, text] of cases) {
      const c = new Conversation(makeFlow([ask(kind)]));
      c.start();
      c.say('banana');
      expect(c.texts, kind).toEqual([text]);
    }
  });

  it('offers the choices again under a "choose one" message', () => {
    const c = new Conversation(
      makeFlow([
        ask('choice', {
          choices: [
            { id: 's', title: 'Small' },
            { id: 'l', title: 'Large' },
          ],
        }),
      ]),
    );
    c.start();
    c.say('purple');
    const sent = c.effects.flatMap((e) => (e.type === 'send' ? [e.message] : []));
    expect(sent).toEqual([
      {
        kind: 'choices',
        text: 'Please choose one of the options.',
        options: [
          { id: 's', title: 'Small' },
          { id: 'l', title: 'Large' },
        ],
      },
    ]);
  });

  it("speaks the customer's language", () => {
    const flow = makeFlow([ask('email', { prompt: { en: 'Email?', es: '¿Correo?', de: 'E-Mail?' } })], { languages: ['en', 'es', 'de'] });
    const es = new Conversation(flow);
    es.start({ contact: { id: 'c1', language: 'es' } });
    es.say('no tengo');
    expect(es.texts).toEqual(['Escribe un correo electrónico válido, por ejemplo nombre@ejemplo.com.']);
    const de = new Conversation(flow);
    de.start({ contact: { id: 'c1', language: 'de' } });
    de.say('keine');
    expect(de.texts).toEqual(['Bitte gib eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.']);
    expect(RETRY_MESSAGE_LANGUAGES).toEqual(expect.arrayContaining(['en', 'es', 'pt', 'fr', 'de']));
  });

  it("a refused extra test without its own message gets a generic line; the node's own texts still win", () => {
    const test = { op: 'has_number_between', args: [1, 10] };
    const generic = new Conversation(makeFlow([ask('number', { validate: { test } })]));
    generic.start();
    generic.say('50');
    expect(generic.texts).toEqual(['Sorry, that answer does not work here. Please try again.']);
    const own = new Conversation(makeFlow([ask('number', { retryPrompt: 'Digits please' })]));
    own.start();
    own.say('lots');
    expect(own.texts).toEqual(['Digits please']);
  });
});
