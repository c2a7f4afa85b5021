import { describe, expect, it } from 'vitest';
import { matchBuiltinLexicon, polarity } from './polarity';

describe('polarity', () => {
  it.each([
    'yes',
    'Yesss!',
    'yes please',
    'Sure, go ahead',
    'of course',
    'ok',
    'claro',
    'Sí, claro',
    'sim',
    'com certeza',
    'oui',
    "d'accord",
    'ja',
    'genau',
    'نعم',
    'أكيد',
    'हाँ',
    'haan',
    'haan ji',
    'theek hai',
    '👍',
    'no problem',
    'yes I want that one',
  ])('%j is yes', (text) => expect(polarity(text)).toBe('yes'));

  it.each([
    'no',
    'Nope',
    'nah',
    'no thanks',
    'No, I said tomorrow',
    'of course not',
    'não',
    'nao obrigado',
    'non merci',
    'nein',
    'لا',
    'لا شكرا',
    'नहीं',
    'nahi',
    'nahin',
    '👎',
    'not really',
  ])('%j is no', (text) => expect(polarity(text)).toBe('no'));

  it.each([
    'not sure',
    'maybe',
    'no sé',
    'pata nahi',
    'yes no',
    'what are your opening hours',
    '',
    '🎉',
    'I want to cancel my card please',
  ])('%j is neither', (text) => expect(polarity(text)).toBeUndefined());

  it('uses the language to settle words that differ between languages', () => {
    expect(polarity('si')).toBe('yes');
    expect(polarity('ne', 'de')).toBe('no');
  });
});

describe('matchBuiltinLexicon', () => {
  it.each([
    ['cancel', 'cancel', true],
    ['Cancelar por favor', 'cancel', true],
    ['STOP', 'stop', true],
    ['unsubscribe', 'stop', true],
    ['I want to talk to a human', 'agent', true],
    ['can I talk to a human about my card', 'agent', false],
    ['quiero hablar con un asesor', 'agent', true],
    ['ayuda', 'help', true],
    ['madad chahiye', 'help', true],
    ['مساعدة', 'help', true],
  ])('%j → %s', (text, kind, exact) => {
    expect(matchBuiltinLexicon(text)).toMatchObject({ kind, exact });
  });

  it('does not read stop or cancel inside a longer sentence', () => {
    expect(matchBuiltinLexicon('where is the nearest bus stop')).toBeUndefined();
    expect(matchBuiltinLexicon('how do I cancel a transfer I made yesterday to my landlord')).toBeUndefined();
  });
});
