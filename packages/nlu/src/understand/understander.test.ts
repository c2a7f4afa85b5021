import type { Expectations, InboundMessage } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { SHOP_INTENTS } from './fixtures/shop-flow';
import { MAX_MATCHES } from '../entities/matches';
import { createUnderstander } from './understander';

const flow = { id: 'shop', languages: ['en', 'es', 'pt'], intents: SHOP_INTENTS, entities: [{ name: 'order_id', pattern: 'ORD-\\d{5}' }] };
const understander = createUnderstander({ flow });
const text = (t: string): InboundMessage => ({ kind: 'text', text: t });
const wait = (over: Partial<Expectations> = {}): Expectations => ({
  nodeId: 'ask',
  intents: [],
  interruptIntents: ['agent', 'cancel'],
  choices: [],
  language: 'en',
  ...over,
});

describe('tier 1: structured replies', () => {
  it('maps a tapped button to its choice without reading text', () => {
    const result = understander.understand(
      { kind: 'button', choiceId: 'pay_now', text: 'Whatever' },
      wait({
        choices: [
          { id: 'pay_now', title: 'Pay now' },
          { id: 'later', title: 'Later' },
        ],
      }),
    );
    expect(result).toMatchObject({ tier: 'structured', confidence: 1, choice: { id: 'pay_now', tier: 'structured' } });
  });

  it('maps a template button payload naming an intent to that intent', () => {
    const result = understander.understand({ kind: 'button', choiceId: 'intent:refund' });
    expect(result).toMatchObject({ tier: 'structured', intent: 'refund' });
  });

  it('reads the text of a reply whose id is unknown', () => {
    const result = understander.understand({ kind: 'button', choiceId: 'stale_id', text: 'where is my order' });
    expect(result.tier).not.toBe('structured');
    expect(result.reasons.join(' ')).toContain('stale_id');
  });
});

describe('tier 2: rules', () => {
  it.each([
    ['what are your opening hours?', 'opening_hours'],
    ['I need my tracking numbr', 'order_status'],
    ['was I refunded?', 'refund'],
    ['my order is ORD-12345', 'order_id_given'],
    ['quiero hablar con un humano', 'agent'],
    ['I want a representative', 'agent'],
    ['cancel', 'cancel'],
  ])('%j → %s', (message, intent) => {
    const result = understander.understand(text(message));
    expect(result).toMatchObject({ tier: 'rules', intent });
    expect(result.confidence).toBeGreaterThanOrEqual(0.8);
  });
});

describe('tier 3: classifier', () => {
  it.each([
    ['my package still has not shown up', 'order_status'],
    ['I would like my money returned', 'refund'],
    ['¿dónde está mi paquete?', 'order_status'],
  ])('%j → %s', (message, intent) => {
    const result = understander.understand(text(message));
    expect(result.intent).toBe(intent);
    expect(result.tier).toBe('classifier');
    expect(result.candidates[0]?.intent).toBe(intent);
  });

  it('declares out of scope with the reason', () => {
    const result = understander.understand(text('what is the capital of mongolia'));
    expect(result.intent).toBeNull();
    expect(result.reasons.join(' ')).toMatch(/out of scope: confidence 0\.\d\d < 0\.6/);
  });

  it('keeps the trained model in memory: a second understander for the same flow does not retrain', () => {
    expect(understander.model?.source).toBe('trained');
    expect(createUnderstander({ flow }).model).toMatchObject({ source: 'memory', key: understander.model?.key });
  });
});

describe('context narrows the candidates', () => {
  it('only the wait intents and interrupts are eligible', () => {
    const atHours = wait({ intents: ['opening_hours'] });
    expect(understander.understand(text('where is my order'), atHours).intent).not.toBe('order_status');
    expect(understander.understand(text('talk to a human please'), atHours).intent).toBe('agent');
    expect(understander.understand(text('where is my order'), wait({ intents: ['order_status'] })).intent).toBe('order_status');
  });
});

describe('free text at a choice prompt', () => {
  const choices = [
    { id: 'confirm', title: 'Yes, pay now' },
    { id: 'decline', title: 'No, not now' },
    { id: 'change_card', title: 'Use another card', synonyms: ['different card'] },
  ];
  it.each([
    ['yes pay now', 'confirm'],
    ['yep', 'confirm'],
    ['nahi', 'decline'],
    ['2', 'decline'],
    ['the third one', 'change_card'],
    ['can I use a different card?', 'change_card'],
    ['another crd', 'change_card'],
  ])('%j → %s', (message, id) => {
    const result = understander.understand(text(message), wait({ choices }));
    expect(result.choice?.id).toBe(id);
  });

  it('matches by meaning when no title is written out', () => {
    const result = understander.understand(
      text('pay with other cards'),
      wait({
        choices: [
          { id: 'card', title: 'Another card' },
          { id: 'cash', title: 'Cash on delivery' },
        ],
      }),
    );
    expect(result.choice?.id).toBe('card');
  });
});

describe('every result carries language, sentiment, entities and timing', () => {
  it('fills them in', () => {
    const result = understander.understand(text('This is ridiculous, my order ORD-12345 is late AGAIN!!! I am furious'), undefined, {
      now: Date.UTC(2026, 10, 21),
    });
    expect(result.language).toBe('en');
    expect(result.sentiment).toMatchObject({ label: 'negative', angry: true });
    expect(result.entities.some((e) => e.type === 'custom' && e.name === 'order_id')).toBe(true);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });
});

describe('bad input never throws', () => {
  it.each([
    ['empty', { kind: 'text', text: '' }],
    ['no text', { kind: 'location', location: { latitude: 1, longitude: 2 } }],
    ['emoji only', { kind: 'text', text: '🎉🎉🔥' }],
    ['binary junk', { kind: 'text', text: '\u0000\u0001\u0002\uFFFD\uD800' }],
    ['mixed scripts', { kind: 'text', text: 'مرحبا hello नमस्ते 你好 Привет' }],
    ['not even a message', null as unknown as InboundMessage],
  ])('%s → out of scope with reasons', (_, message) => {
    const result = understander.understand(message as InboundMessage);
    expect(result.intent).toBeNull();
    expect(result.reasons.length).toBeGreaterThan(0);
  });

  it('caps the work on 100 KB of text', () => {
    const result = understander.understand(text('where is my order '.repeat(6000)));
    expect(result.reasons.join(' ')).toContain('only the first 2000');
    expect(result.intent).toBe('order_status');
  });

  it('reads a bounded number of entities from 100 KB of entity-packed text', () => {
    const result = understander.understand(text('1,234.56 $5 ana@example.com +1 415 555 2671 tomorrow 3pm '.repeat(1800)), undefined, {
      locale: 'en-US',
    });
    expect(result.reasons.join(' ')).toContain('only the first 2000');
    expect(result.entities.length).toBeGreaterThan(0);
    expect(result.entities.length).toBeLessThanOrEqual(6 * MAX_MATCHES);
    expect(result.sentiment?.label).toBeDefined();
  });

  it('reports a pattern that does not compile instead of failing', () => {
    const broken = createUnderstander({ flow: { languages: ['en'], intents: [{ name: 'x', patterns: ['('] }] } });
    expect(broken.problems[0]).toContain('intent "x"');
    expect(broken.understand(text('hello')).intent).toBeNull();
  });
});
