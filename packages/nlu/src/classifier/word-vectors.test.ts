import { describe, expect, it } from 'vitest';
import { IntentClassifier, DEFAULT_CLASSIFIER } from './model';
import { deserializeClassifier, obtainClassifier, serializeClassifier } from './persist';
import { WordVectors } from './word-vectors';

// A toy vector space: two topics (money, light) on separate axes, plus a neutral function word.
const words = ['the', 'refund', 'money', 'reimburse', 'cash', 'lamp', 'dim', 'darker', 'bright'];
const axis = (k: number, d = 4) => Array.from({ length: d }, (_, i) => (i === k ? 1 : 0.05));
const rows = [axis(3), axis(0), axis(0), axis(0), axis(0), axis(1), axis(1), axis(1), axis(1)];
const vectors = new WordVectors('toy', words, Float32Array.from(rows.flat()), 4);

describe('WordVectors', () => {
  it('encodes a sentence as the unit-length weighted mean of its known words', () => {
    const v = vectors.encode('The REFUND, the money!')!;
    expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    expect(v[0]).toBeGreaterThan(0.9);
    expect(vectors.encode('zzz qqq')).toBeUndefined();
    expect(vectors.coverage('refund zzz')).toBe(0.5);
  });

  it('weighs frequent words less than rare ones (SIF by frequency rank)', () => {
    const v = vectors.encode('the the the darker')!;
    expect(v[1]).toBeGreaterThan(v[3]!);
  });

  it('rejects a vector table of the wrong size', () => {
    expect(() => new WordVectors('bad', ['a', 'b'], new Float32Array(3), 2)).toThrow(/expected 2 × 2 numbers, got 3/);
  });
});

describe('IntentClassifier with sentence vectors', () => {
  const examples = [
    ...['i want a refund', 'give me my money back', 'refund please'].map((text) => ({ text, intent: 'refund' })),
    ...['turn the lamp down', 'make it dim', 'lamp lower'].map((text) => ({ text, intent: 'lights' })),
  ];

  it('ranks a paraphrase sharing no n-gram with the examples by meaning', () => {
    const withVectors = IntentClassifier.train(examples, DEFAULT_CLASSIFIER, vectors);
    expect(withVectors.predict('darker').ranked[0]?.intent).toBe('lights');
    expect(withVectors.predict('reimburse cash').ranked[0]?.intent).toBe('refund');
  });

  it('is restored from the cache only with the vectors it was trained with', () => {
    const trained = IntentClassifier.train(examples, DEFAULT_CLASSIFIER, vectors);
    const text = serializeClassifier(trained);
    expect(deserializeClassifier(text)).toBeUndefined();
    const restored = deserializeClassifier(text, vectors);
    expect(restored?.predict('darker').ranked).toEqual(trained.predict('darker').ranked);
    const other = new WordVectors('other', words, Float32Array.from(rows.flat()), 4);
    expect(deserializeClassifier(text, other)).toBeUndefined();
  });

  it('keys cached models by the encoder', () => {
    const plain = obtainClassifier(examples);
    const dense = obtainClassifier(examples, undefined, undefined, vectors);
    expect(plain.key).not.toBe(dense.key);
  });
});
