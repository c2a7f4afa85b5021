import { describe, expect, it } from 'vitest';
import { isEmojiOnly, normalizeText } from './normalize';

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

  it('detects emoji-only messages', () => {
    expect(isEmojiOnly('🙏🏽 🎉')).toBe(true);
    expect(isEmojiOnly('ok 🎉')).toBe(false);
  });
});
