/**
 * Narrowing to a wait's expectations only removes candidates: it must never turn a message the full model gives to
 * another intent (or to nothing) into a confident eligible intent. Regressions from the example flows.
 */
import type { Expectations, IntentDecl, InboundMessage } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { APPOINTMENT_INTENTS, CART_INTENTS, SUPPORT_FAQ_INTENTS } from './fixtures/example-flows';
import { loadWordVectors } from '../classifier/word-vectors-node';
import type { SentenceEncoder } from '../classifier/word-vectors';
import { createUnderstander } from './understander';

const text = (t: string): InboundMessage => ({ kind: 'text', text: t });
const wait = (intents: string[], interruptIntents: string[]): Expectations => ({
  nodeId: 'ask',
  intents,
  interruptIntents,
  choices: [],
  language: 'en',
});
// Both configurations the product runs: n-grams only (the studio preview) and with the word vectors (runtime, parley test).
const vectors = loadWordVectors();
const configurations: Array<[string, SentenceEncoder | undefined]> = [
  ['n-grams only', undefined],
  ['with word vectors', vectors],
];
const agentIntent = SUPPORT_FAQ_INTENTS.find((i) => i.name === 'agent') as IntentDecl;

describe.each(configurations)('narrowing to a wait does not inflate confidence (%s)', (_, encoder) => {
  const understanderFor = (intents: IntentDecl[]) =>
    createUnderstander({ flow: { id: 'narrowing', languages: ['en', 'es', 'pt'], intents }, encoder });
  const booking = understanderFor(APPOINTMENT_INTENTS);
  const bookingWithAgent = understanderFor([...APPOINTMENT_INTENTS, agentIntent]);
  const faq = understanderFor(SUPPORT_FAQ_INTENTS);

  it.each(['tomorrow', 'tomorrow at 3pm', 'next tuesday'])('appointment date ask (only cancel interrupts): %j is no intent', (message) => {
    const result = booking.understand(text(message), wait([], ['cancel']));
    expect(result.intent).toBeNull();
    expect(result.confidence).toBeLessThan(0.6);
    expect(result.entities.some((e) => e.type === 'date')).toBe(true);
  });

  it.each(['mañana', 'amanhã', 'pasado mañana'])('with agent and cancel eligible: %j is no intent', (message) => {
    const result = bookingWithAgent.understand(text(message), wait([], ['agent', 'cancel']));
    expect(result.intent).toBeNull();
    expect(result.confidence).toBeLessThan(0.6);
  });

  it('support-faq: "no camera sorry" is not an opt-out when only agent/stop/help are eligible', () => {
    const result = faq.understand(text('no camera sorry'), wait([], ['agent', 'stop', 'help']));
    expect(result.intent).toBeNull();
    expect(result.confidence).toBeLessThan(0.6);
  });

  it('reports an eligible candidate with its full-model probability, no larger than without narrowing', () => {
    const full = faq.understand(text('no camera sorry'));
    const narrowed = faq.understand(text('no camera sorry'), wait([], ['agent', 'stop', 'help']));
    for (const candidate of narrowed.candidates) {
      // The full result lists its top 5; an intent outside them scores no more than the fifth.
      const before =
        full.candidates.find((c) => c.intent === candidate.intent)?.confidence ?? (full.candidates.at(-1)?.confidence as number);
      expect(candidate.confidence).toBeLessThanOrEqual(before + 1e-9);
    }
    expect(narrowed.candidates.reduce((sum, c) => sum + c.confidence, 0)).toBeLessThan(0.9);
  });

  it('still answers what the wait expects, and the built-in lexicons still fire', () => {
    expect(booking.understand(text('I want to book an appointment'), wait(['book'], ['cancel'])).intent).toBe('book');
    expect(booking.understand(text('never mind'), wait([], ['cancel']))).toMatchObject({ intent: 'cancel', tier: 'rules' });
    expect(bookingWithAgent.understand(text('quiero hablar con una persona'), wait([], ['agent', 'cancel']))).toMatchObject({
      intent: 'agent',
      tier: 'rules',
    });
    expect(faq.understand(text('stop'), wait([], ['agent', 'stop', 'help']))).toMatchObject({ intent: 'stop', tier: 'rules' });
    expect(faq.understand(text('where is my order'))).toMatchObject({ intent: 'order_status' });
  });
});

describe.each(configurations)('small flows have an out-of-scope floor (%s)', (_, encoder) => {
  const cart = createUnderstander({
    flow: { id: 'cart', languages: ['en', 'es'], intents: CART_INTENTS.filter((i) => i.name !== 'shipping_cost') },
    encoder,
  });

  it.each(['what colour was it?', 'is it going to snow on friday', 'my dog ate my homework'])(
    'two intents: %j is out of scope',
    (message) => {
      const result = cart.understand(text(message));
      expect(result.intent).toBeNull();
      expect(result.confidence).toBeLessThan(0.6);
    },
  );

  it.each([
    ['any coupons for me?', 'discount'],
    ['can you make it cheaper', 'discount'],
    ['please stop texting me', 'stop'],
  ])('two intents: %j is still %s', (message, intent) => {
    expect(cart.understand(text(message)).intent).toBe(intent);
  });
});
