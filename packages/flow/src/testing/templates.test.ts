import type { TemplateGate, TemplateStatus } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../types';
import { parseFlowTests } from './parse';
import { runFlowTest } from './runner';
import type { FlowTest, TemplateOverrides } from './types';

/**
 * The cart reminder: an event starts it, a template goes out, a day later a free-form
 * follow-up (dropped: the user never wrote), and a paused template takes the failure path.
 */
const flow: Flow = {
  id: 'cart',
  name: 'Cart',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'remind',
  variables: { total: { type: 'number', default: 129.9 }, answer: { type: 'string' } },
  nodes: [
    {
      id: 'remind',
      type: 'template',
      name: 'cart_reminder',
      language: 'en',
      values: { first_name: '{{contact.name}}', cart_total: '{{total}}' },
      exits: { next: 'nudge', failed: 'fallback_text' },
    },
    { id: 'nudge', type: 'message', text: 'Still thinking about it?', exits: { next: 'ask' } },
    {
      id: 'ask',
      type: 'ask',
      prompt: 'Anything I can help with?',
      expect: 'text',
      saveAs: 'answer',
      timeout: '1d',
      exits: { next: 'thanks', timeout: 'later' },
    },
    { id: 'thanks', type: 'message', text: 'Thanks!', exits: { next: null } },
    { id: 'later', type: 'message', text: 'Your cart expires soon.', exits: { next: 'last_call' } },
    { id: 'last_call', type: 'template', name: 'last_call', language: 'en', exits: { next: null, failed: null } },
    { id: 'fallback_text', type: 'message', text: 'We saved your cart.', exits: { next: null } },
  ],
};

/** Like the CLI's gate: approved unless the test's overrides say otherwise; named values become text params. */
function gateFactory(overrides: TemplateOverrides | undefined): TemplateGate {
  return {
    prepare(request) {
      const override = overrides?.[request.name];
      const status: TemplateStatus = (typeof override === 'string' ? override : override?.[request.language]) ?? 'approved';
      if (status === 'paused' || status === 'disabled') return { ok: false, reason: status, detail: `${request.name} is ${status}` };
      if (status !== 'approved') return { ok: false, reason: 'not_approved', detail: `${request.name} is ${status}` };
      const body = Object.entries(request.values).map(([name, value]) => ({ type: 'text' as const, name, text: String(value) }));
      return { ok: true, message: { kind: 'template', name: request.name, language: request.language, params: { body } } };
    },
  };
}

const event = { kind: 'event' as const, name: 'cart.abandoned' };
const contact = { id: 'c1', name: 'Maya' };
const run = (test: Omit<FlowTest, 'name'>, gate = true) =>
  runFlowTest(flow, { name: 't', contact, ...test }, gate ? { templates: gateFactory } : {});

describe('transcript tests with templates and the 24-hour window', () => {
  it('sends the template, drops free-form text while the window is closed, and opens it on a reply', () => {
    const result = run({
      trigger: event,
      turns: [
        { bot: { template: 'cart_reminder' } },
        { bot: { text: 'Still thinking about it?', dropped: 'window_closed' } },
        { bot: { text: 'Anything I can help with?', dropped: 'window_closed' } },
        { user: 'yes please' },
        { bot: { text: 'Thanks!' } },
      ],
    });
    expect(result.failures).toEqual([]);
    expect(result.actual).toEqual([
      'bot: [template cart_reminder en: first_name=Maya, cart_total=129.9]',
      'bot: Still thinking about it? (not sent: window closed)',
      'bot: Anything I can help with? (not sent: window closed)',
      'user: yes please',
      'bot: Thanks!',
    ]);
  });

  it('fails a test that expects a free-form message the closed window drops, saying why', () => {
    const result = run({ trigger: event, turns: [{ bot: { template: 'cart_reminder' } }, { bot: { text: 'Still thinking about it?' } }] });
    expect(result.passed).toBe(false);
    expect(result.failures[0]).toMatch(/not sent: the 24-hour window is closed/);
    expect(result.diff.map((d) => `${d.op}${d.text}`)).toContain('+bot: Still thinking about it? (not sent: window closed)');
  });

  it('closes the window 24 hours after the last user message (virtual clock), while templates still go', () => {
    const result = run({
      turns: [
        { bot: { template: 'cart_reminder' } },
        { bot: { text: 'Still thinking about it?' } },
        { bot: { text: 'Anything I can help with?' } },
        { timeout: 'ask_timeout' },
        { bot: { text: 'Your cart expires soon.', dropped: 'window_closed' } },
        { bot: { template: 'last_call' } },
      ],
    });
    expect(result.failures).toEqual([]);
  });

  it('records a refused template as a transcript line and follows the failed exit', () => {
    const result = run({
      trigger: event,
      templates: { cart_reminder: 'paused' },
      turns: [
        { bot: { template: 'cart_reminder', refused: 'paused' } },
        { bot: { text: 'We saved your cart.', dropped: 'window_closed' } },
        { expect: { ended: true } },
      ],
    });
    expect(result.failures).toEqual([]);
    expect(result.actual[0]).toBe('bot: [template cart_reminder refused: paused]');
    expect(result.exits).toContain('remind:failed');
  });

  it('takes per-language overrides and says when a refusal was not expected', () => {
    const result = run({
      templates: { cart_reminder: { en: 'pending', es: 'approved' } },
      turns: [{ bot: { template: 'cart_reminder' } }],
    });
    expect(result.passed).toBe(false);
    expect(result.failures[0]).toBe(
      'turn 1: bot message from node "remind": template "cart_reminder" was refused (not_approved: cart_reminder is pending), expected a message',
    );
    const wrongReason = run({
      templates: { cart_reminder: 'disabled' },
      turns: [{ bot: { template: 'cart_reminder', refused: 'paused' } }],
    });
    expect(wrongReason.failures[0]).toMatch(/refused for disabled, expected paused/);
  });

  it('fails an expected refusal when the template was sent', () => {
    const result = run({ turns: [{ bot: { template: 'cart_reminder', refused: 'paused' } }] });
    expect(result.failures[0]).toMatch(/a message was sent, expected a template refused for paused/);
    expect(result.expected[0]).toBe('bot: [template cart_reminder refused: paused]');
  });

  it('sends templates unchecked without a gate (as before)', () => {
    const result = run({ templates: { cart_reminder: 'paused' }, turns: [{ bot: { template: 'cart_reminder' } }] }, false);
    expect(result.actual[0]).toBe('bot: [template cart_reminder en: first_name=Maya, cart_total=129.9]');
  });
});

describe('the test file schema', () => {
  const file = (test: Record<string, unknown>) => ({ flow: 'cart', tests: [{ name: 't', turns: [], ...test }] });
  it('accepts template overrides and the refused / dropped expectations', () => {
    const parsed = parseFlowTests(
      file({
        templates: { cart_reminder: 'paused', last_call: { en: 'approved', es: 'rejected' } },
        turns: [{ bot: { template: 'cart_reminder', refused: 'paused' } }, { bot: { text: 'x', dropped: 'window_closed' } }],
      }),
    );
    expect(parsed.issues).toEqual([]);
  });

  it('refuses an unknown status or reason with its path', () => {
    const parsed = parseFlowTests(file({ templates: { cart_reminder: 'sleeping' }, turns: [{ bot: { refused: 'tired' } }] }));
    expect(parsed.ok).toBe(false);
    expect(parsed.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['/tests/0/templates/cart_reminder', '/tests/0/turns/0/bot/refused']),
    );
  });
});
