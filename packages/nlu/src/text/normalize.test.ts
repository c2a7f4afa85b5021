import { describe, expect, it } from 'vitest';
import { countChars, isEmojiOnly, normalizeText } from './normalize';

describe('normalizeText', () => {
  it.each([
    ['¡¡Sííí, CLARO!! 👍', 'si claro'],
    ['Yesss   pleeease', 'yes please'],
    ['  Ça   marche…  ', 'ca marche'],
    ["Don't", 'dont'],
    ['Straße', 'strasse'],
    ['أَهْلاً', 'اهلا'],
    ['हाँ जी', 'हाँ जी'],
    ['٣ items', '3 items'],
    ['👍🏽👍', ''],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('keeps doubled letters (cool, good) and caps huge input', () => {
    expect(normalizeText('cool good')).toBe('cool good');
    expect(normalizeText('a '.repeat(100_000)).length).toBeLessThanOrEqual(2000);
  });

  it('remembers recent answers without mixing them up', () => {
    const texts = ['Hola QUÉ tal', 'Where is my ORDER', 'x'.repeat(3000), 'Hola QUÉ tal!!', 'where is my order'];
    const first = texts.map(normalizeText);
    expect(texts.map(normalizeText)).toEqual(first);
    expect(first[0]).toBe('hola que tal');
    expect(first[2]).toBe('x');
  });

  it('detects emoji-only messages', () => {
    expect(isEmojiOnly('🙏🏽 🎉')).toBe(true);
    expect(isEmojiOnly('ok 🎉')).toBe(false);
  });
});

describe('countChars', () => {
  it('counts code points of a character class, as many as a match-all would', () => {
    for (const text of ['Hello WORLD', 'ÀÉÎ ok 𝐀𝐁', '', 'مرحبا hello नमस्ते 你好 '.repeat(50), '\uD800 lone A']) {
      expect(countChars(text, /[^\p{Lu}]+/gu)).toBe(text.match(/\p{Lu}/gu)?.length ?? 0);
      expect(countChars(text, /[^\p{Script=Latin}]+/gu)).toBe(text.match(/\p{Script=Latin}/gu)?.length ?? 0);
    }
    expect(countChars('wow!!! ok!', /[^!]+/g)).toBe(4);
  });
});
