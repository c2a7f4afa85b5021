import { describe, expect, it } from 'vitest';
import { matchChoice } from './choices';
import { editDistance, findPhrase } from './fuzzy';
import { RuleSet } from './rules';

describe('editDistance / findPhrase', () => {
  it('counts insertions, deletions, substitutions and swaps, stopping past the budget', () => {
    expect(editDistance('refund', 'refund', 1)).toBe(0);
    expect(editDistance('refund', 'refnud', 1)).toBe(1);
    expect(editDistance('refund', 'rfund', 1)).toBe(1);
    expect(editDistance('refund', 'xyz', 1)).toBe(2);
  });

  it('tolerates typos only in long enough words', () => {
    expect(findPhrase(['tracking', 'numbr'], ['tracking', 'number'])).toEqual({ exact: false });
    expect(findPhrase(['so'], ['no'])).toBeUndefined();
    expect(findPhrase(['my', 'order'], ['order'])).toEqual({ exact: true });
  });
});

describe('RuleSet', () => {
  const rules = new RuleSet([
    { name: 'human', keywords: {} },
    { name: 'confirm' },
    { name: 'deny' },
    { name: 'unsubscribe' },
    { name: 'greeting', keywords: { en: ['good morning'], es: ['buenos días'] } },
  ]);

  it('maps intents named after built-in lexicons and yes/no', () => {
    expect(rules.match('quiero hablar con una persona')[0]?.intent).toBe('human');
    expect(rules.match('claro que sí')[0]?.intent).toBe('confirm');
    expect(rules.match('nahi')[0]?.intent).toBe('deny');
    expect(rules.match('STOP')[0]?.intent).toBe('unsubscribe');
    expect(rules.match('buenos dias!')[0]).toMatchObject({ intent: 'greeting', confidence: 0.97 });
  });

  it('respects eligibility', () => {
    expect(rules.match('yes', new Set(['deny']))).toEqual([]);
  });
});

describe('matchChoice', () => {
  const choices = [
    { id: 'small', title: 'Small' },
    { id: 'medium', title: 'Medium' },
    { id: 'large', title: 'Large', synonyms: ['big', 'grande'] },
  ];
  it.each([
    ['small', 'small', 'rules'],
    ['el segundo', 'medium', 'rules'],
    ['letzte', 'large', 'rules'],
    ['a big one please', 'large', 'rules'],
    ['mediun', 'medium', 'rules'],
  ])('%j → %s', (text, id, tier) => {
    expect(matchChoice(text, choices)).toMatchObject({ id, tier });
  });

  it('returns nothing when no choice is clearly meant', () => {
    expect(matchChoice('what colours do you have', choices)).toBeUndefined();
    expect(matchChoice('', choices)).toBeUndefined();
    expect(matchChoice('7', choices)).toBeUndefined();
  });
});
