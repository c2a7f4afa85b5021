import type { TemplateGate, TemplateStatus } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../types';
import { lintFlowTests } from './lint';
import { parseFlowTests } from './parse';
import { runFlowTest } from './runner';
import type { FlowTest, TemplateOverrides } from './types';

/**
 * A follow-up an event starts: a message with an outsideWindow template whose quick replies are
 * the message's own buttons, then a template node that waits for its quick reply.
 */
const flow: Flow = {
  id: 'follow',
  name: 'Follow up',
  specVersion: '1.0.0',
  revision: 1,
  languages: ['en'],
  start: 'offer',
  nodes: [
    {
      id: 'offer',
      type: 'message',
      text: 'Want 10% off your cart?',
      buttons: [
        { id: 'yes', title: 'Yes please' },
        { id: 'stop', title: 'Stop' },
      ],
      outsideWindow: { template: 'discount_offer', language: 'en', values: { first_name: '{{contact.name}}' } },
      exits: { yes: 'remind', stop: 'bye', other: 'bye' },
    },
    {
      id: 'remind',
      type: 'template',
      name: 'cart_reminder',
      language: 'en',
      timeout: '2d',
      exits: { stop_reminders: 'bye', other: 'bye', timeout: 'bye', failed: 'bye', next: null },
    },
    { id: 'bye', type: 'end' },
  ],
};

function gateFactory(overrides: TemplateOverrides | undefined): TemplateGate {
  return {
    prepare(request) {
      const override = overrides?.[request.name];
      const status: TemplateStatus = (typeof override === 'string' ? override : override?.[request.language]) ?? 'approved';
      if (status !== 'approved') return { ok: false, reason: status === 'paused' ? 'paused' : 'not_approved', detail: status };
      const body = Object.entries(request.values).map(([name, value]) => ({ type: 'text' as const, name, text: String(value) }));
      return { ok: true, message: { kind: 'template', name: request.name, language: request.language, params: { body } } };
    },
  };
}

const event = { kind: 'event' as const, name: 'cart.abandoned' };
const now = '2026-03-02T12:00:00Z';
const run = (test: Omit<FlowTest, 'name'>) =>
  runFlowTest(flow, { name: 't', contact: { id: 'c', name: 'Maya' }, now, ...test }, { templates: gateFactory });

describe('outsideWindow and waiting templates in transcripts', () => {
  it('window closed: the outsideWindow template is what the customer gets, its quick reply taps the node', () => {
    const result = run({
      trigger: event,
      turns: [{ bot: { template: 'discount_offer' } }, { tap: 'yes' }, { bot: { template: 'cart_reminder' } }, { tap: 'stop_reminders' }],
    });
    expect(result.failures).toEqual([]);
    expect(result.actual).toEqual([
      'bot: [template discount_offer en: first_name=Maya]',
      'user: [tap yes]',
      'bot: [template cart_reminder en]',
      'user: [tap stop_reminders]',
    ]);
    expect(result.exits).toEqual(expect.arrayContaining(['offer:yes', 'remind:stop_reminders']));
  });

  it('window open: the message as written', () => {
    const result = run({ turns: [{ bot: { text: 'Want 10% off your cart?', buttons: ['Yes please', 'Stop'] } }] });
    expect(result.failures).toEqual([]);
  });

  it('lastUserMessageAt opens the window for an event start until 24 hours after it', () => {
    const open = run({
      trigger: event,
      lastUserMessageAt: '2026-03-01T13:00:00Z',
      turns: [{ bot: { text: 'Want 10% off your cart?' } }],
    });
    expect(open.failures).toEqual([]);
    const closed = run({ trigger: event, lastUserMessageAt: '2026-03-01T11:59:00Z', turns: [{ bot: { template: 'discount_offer' } }] });
    expect(closed.failures).toEqual([]);
  });

  it('a refused outsideWindow template: dropped message plus the refusal while closed, nothing extra while open', () => {
    const closed = run({
      trigger: event,
      templates: { discount_offer: 'paused' },
      turns: [
        { bot: { text: 'Want 10% off your cart?', dropped: 'window_closed' } },
        { bot: { template: 'discount_offer', refused: 'paused' } },
      ],
    });
    expect(closed.failures).toEqual([]);
    expect(closed.actual).toEqual([
      'bot: Want 10% off your cart? [Yes please | Stop] (not sent: window closed)',
      'bot: [template discount_offer refused: paused]',
    ]);
    const open = run({ templates: { discount_offer: 'paused' }, turns: [{ bot: { text: 'Want 10% off your cart?' } }] });
    expect(open.failures).toEqual([]);
  });

  it('a template expectation fails when the window is open and the text went', () => {
    const result = run({ turns: [{ bot: { template: 'discount_offer' } }] });
    expect(result.failures[0]).toMatch(/template is null, expected "discount_offer"/);
  });

  it('a waiting template node: a typed payload, other, and timeout', () => {
    const start = [{ bot: { text: 'Want 10% off your cart?' } }, { tap: 'yes' }, { bot: { template: 'cart_reminder' } }] as const;
    expect(run({ turns: [...start, { user: 'STOP_REMINDERS' }, { expect: { ended: true } }] }).exits).toContain('remind:stop_reminders');
    expect(run({ turns: [...start, { user: 'what?' }] }).exits).toContain('remind:other');
    const timedOut = run({ turns: [...start, { timeout: 'ask_timeout' }, { expect: { ended: true } }] });
    expect(timedOut.failures).toEqual([]);
    expect(timedOut.exits).toContain('remind:timeout');
  });
});

describe('the test file schema: lastUserMessageAt', () => {
  const file = (test: Record<string, unknown>) => ({ flow: 'follow', tests: [{ name: 't', turns: [], ...test }] });
  it('accepts an ISO date-time and refuses anything else with its path', () => {
    expect(parseFlowTests(file({ lastUserMessageAt: '2026-03-01T13:00:00Z' })).issues).toEqual([]);
    const bad = parseFlowTests(file({ lastUserMessageAt: 'yesterday' }));
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => i.path)).toEqual(['/tests/0/lastUserMessageAt']);
  });
});

describe('test lint', () => {
  it('knows a waiting template node’s payloads as tappable ids', () => {
    const issues = lintFlowTests({ flow: 'follow', tests: [{ name: 't', turns: [{ tap: 'stop_reminders' }, { tap: 'nope' }] }] }, [flow]);
    expect(issues.map((i) => i.path)).toEqual(['/tests/0/turns/1/tap']);
  });
});
