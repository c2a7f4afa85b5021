import { describe, expect, it } from 'vitest';
import { IntentClassifier } from './model';
import { deserializeClassifier, obtainClassifier, serializeClassifier, type ModelCache } from './persist';

const examples = [
  ...['where is my order', 'track my package', 'has my parcel shipped', 'when does my delivery arrive', 'order status please'].map(
    (text) => ({ text, intent: 'order_status' }),
  ),
  ...['i want a refund', 'give me my money back', 'refund my purchase', 'can i get reimbursed', 'return it for a refund'].map((text) => ({
    text,
    intent: 'refund',
  })),
  ...['what time do you open', 'opening hours', 'are you open on sunday', 'when do you close', 'business hours'].map((text) => ({
    text,
    intent: 'hours',
  })),
];

describe('IntentClassifier', () => {
  const classifier = IntentClassifier.train(examples);

  it('ranks the right intent first for paraphrases and typos', () => {
    expect(classifier.predict('wheres my parcel').ranked[0]?.intent).toBe('order_status');
    expect(classifier.predict('I would like my mony back').ranked[0]?.intent).toBe('refund');
    expect(classifier.predict('are you opn today').ranked[0]?.intent).toBe('hours');
  });

  it('is more confident on in-domain text than on gibberish', () => {
    const sure = classifier.predict('track my order package');
    const unsure = classifier.predict('zxqv plorb');
    expect(sure.confidence).toBeGreaterThan(unsure.confidence);
    expect(unsure.evidence.coverage).toBeLessThan(0.2);
  });

  it('narrowing only removes candidates: eligible intents keep their full-model probability and confidence', () => {
    const full = classifier.predict('where is my order');
    const result = classifier.predict('where is my order', new Set(['refund', 'hours']));
    expect(result.ranked.map((r) => r.intent).sort()).toEqual(['hours', 'refund']);
    for (const r of result.ranked) expect(r.probability).toBe(full.ranked.find((f) => f.intent === r.intent)?.probability);
    expect(result.ranked.reduce((s, r) => s + r.probability, 0)).toBeLessThan(0.5);
    expect(result.confidence).toBeLessThan(0.3);
    const expected = classifier.predict('where is my order', new Set(['order_status']));
    expect(expected.confidence).toBe(full.confidence);
    expect(expected.ranked).toEqual(full.ranked.filter((r) => r.intent === 'order_status'));
    expect(classifier.predict('x', new Set(['nope'])).ranked).toEqual([]);
  });

  it('a flow of two intents has a background: unrelated text is not confidently one of them', () => {
    const two = IntentClassifier.train(examples.filter((e) => e.intent !== 'hours'));
    expect(two.intents).toEqual(['order_status', 'refund']);
    expect(two.predict('where is my parcel').ranked[0]?.intent).toBe('order_status');
    expect(two.predict('where is my parcel').confidence).toBeGreaterThan(0.6);
    expect(two.predict('what a lovely sunny afternoon').confidence).toBeLessThan(0.3);
    expect(two.predict('what a lovely sunny afternoon').ranked.map((r) => r.intent)).not.toContain('__background__');
  });

  it('trains deterministically', () => {
    const again = IntentClassifier.train(examples);
    expect(again.predict('refund please')).toEqual(classifier.predict('refund please'));
  });
});

describe('persistence', () => {
  it('round-trips through JSON with identical predictions', () => {
    const classifier = IntentClassifier.train(examples);
    const restored = deserializeClassifier(serializeClassifier(classifier));
    expect(restored?.predict('when do you open')).toEqual(classifier.predict('when do you open'));
  });

  it('ignores corrupt or foreign cache entries', () => {
    expect(deserializeClassifier('not json')).toBeUndefined();
    expect(deserializeClassifier(JSON.stringify({ format: 'other' }))).toBeUndefined();
  });

  it('stores a trained model in the injected cache and restores it from there', () => {
    const store = new Map<string, string>();
    const cache: ModelCache = {
      get: (k) => store.get(k),
      set: (k, v) => {
        store.set(k, v);
      },
    };
    const fresh = [...examples, { text: `unique ${Math.random()}`, intent: 'hours' }];
    const first = obtainClassifier(fresh, undefined, cache);
    expect(first.source).toBe('trained');
    expect(store.has(first.key)).toBe(true);
    expect(obtainClassifier(fresh, undefined, cache).source).toBe('memory');
  });
});
