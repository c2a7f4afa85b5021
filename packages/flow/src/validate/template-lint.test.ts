import type { TemplateInfo } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import type { Flow, FlowNode } from '../types';
import { validateFlow } from './validate-flow';

const cartReminder: TemplateInfo = {
  name: 'cart_reminder',
  category: 'marketing',
  languages: ['en', 'es'],
  approvedLanguages: ['en', 'es'],
  parameters: {
    first_name: { type: 'text', optional: true },
    cart_total: { type: 'currency', optional: false },
    item_count: { type: 'number', optional: true },
    product_image: { type: 'image', optional: false },
    sent_on: { type: 'date_time', optional: true },
  },
  quickReplies: [{ text: 'Stop reminders', payload: 'stop_reminders' }],
};

function flowWith(
  values: Record<string, string>,
  extra: Partial<Flow> = {},
  exits: Record<string, string | null> = { next: 'reply', failed: 'bye' },
): Flow {
  const nodes: FlowNode[] = [
    { id: 'remind', type: 'template', name: 'cart_reminder', language: 'en', values, exits },
    { id: 'reply', type: 'ask', prompt: 'Anything else?', expect: 'text', saveAs: 'answer', exits: { next: 'check' } },
    {
      id: 'check',
      type: 'route',
      operand: '{{answer}}',
      cases: [{ id: 'stop', test: { op: 'has_phrase', args: ['stop_reminders'] } }],
      exits: { stop: 'bye', default: 'bye' },
    },
    { id: 'bye', type: 'end' },
  ];
  return {
    id: 'f',
    name: 'F',
    specVersion: '1.0.0',
    revision: 1,
    languages: ['en'],
    start: 'remind',
    variables: {
      answer: { type: 'string' },
      total: { type: 'number' },
      cart: { type: 'object' },
      image: { type: 'string' },
      flag: { type: 'boolean' },
    },
    nodes,
    ...extra,
  };
}

const options = { templateInfo: (name: string) => (name === 'cart_reminder' ? cartReminder : undefined) };
const codes = (flow: Flow) =>
  validateFlow(flow, options)
    .issues.filter((i) => i.code !== 'unused-variable')
    .map((i) => `${i.severity} ${i.code} ${i.path}`);

describe('template nodes against their template', () => {
  it('accept a node whose values fit the template', () => {
    const flow = flowWith({
      first_name: 'Hi {{contact.name}}',
      cart_total: '{{total}}',
      item_count: '3',
      product_image: 'https://shop.example.com/img/{{image}}.jpg',
      sent_on: '2026-03-01',
    });
    expect(codes(flow)).toEqual([]);
  });

  it('accept a currency object variable, an expression and a failure path from settings', () => {
    const flow = flowWith(
      { cart_total: '{{cart}}', product_image: '{{image}}', item_count: '{{len(answer)}}' },
      { settings: { templateFailure: 'bye' } },
      {
        next: 'reply',
      },
    );
    expect(codes(flow)).toEqual([]);
  });

  it('report a variable declared with a type the parameter cannot hold', () => {
    expect(codes(flowWith({ cart_total: '{{flag}}', product_image: '{{total}}' }))).toEqual([
      'error template-parameter-type /nodes/0/values/cart_total',
      'error template-parameter-type /nodes/0/values/product_image',
    ]);
  });

  it('report literal texts that are not numbers, dates or https links, and mixed text for a number', () => {
    expect(
      codes(
        flowWith({
          cart_total: '12.50',
          item_count: '{{total}} items',
          product_image: 'http://insecure.example.com/a.jpg',
          sent_on: 'tomorrow',
        }),
      ),
    ).toEqual([
      'error template-parameter-type /nodes/0/values/item_count',
      'error template-parameter-type /nodes/0/values/product_image',
      'error template-parameter-type /nodes/0/values/sent_on',
    ]);
  });

  it('say which parameters exist and what was expected', () => {
    const issues = validateFlow(flowWith({ cart_total: '{{total}}', product_image: '{{image}}', coupon: 'X' }), options).issues;
    expect(issues[0]!.message).toBe(
      "Template node 'remind' gives a value for 'coupon', which template 'cart_reminder' does not have; its parameters are first_name, cart_total, item_count, product_image, sent_on.",
    );
    const typed = validateFlow(flowWith({ cart_total: 'lots', product_image: '{{image}}' }), options).issues[0]!;
    expect(typed.message).toMatch(/cannot fill a currency parameter: the text 'lots' is not a number or a currency amount/);
  });

  it('find the quick reply handled by a keyword trigger too', () => {
    const flow = flowWith(
      { cart_total: '{{total}}', product_image: '{{image}}' },
      { triggers: [{ type: 'keyword', keywords: ['Stop reminders'] }] },
      {
        next: 'bye',
        failed: 'bye',
      },
    );
    expect(codes(flow).filter((c) => c.includes('quick-reply'))).toEqual([]);
    const unhandled = flowWith({ cart_total: '{{total}}', product_image: '{{image}}' }, {}, { next: 'bye', failed: 'bye' });
    expect(codes(unhandled).filter((c) => c.includes('quick-reply'))).toEqual(['warning template-quick-reply-unhandled /nodes/0/name']);
  });

  it('check nothing template-specific without templateInfo', () => {
    expect(validateFlow(flowWith({ coupon: 'x' }, {}, { next: null })).issues.filter((i) => i.code.startsWith('template'))).toEqual([]);
  });

  it('survive a templateInfo hook that throws (the template counts as unknown)', () => {
    const result = validateFlow(flowWith({}), {
      templateInfo: () => {
        throw new Error('boom');
      },
    });
    expect(result.issues.map((i) => i.code)).toContain('unknown-template');
  });
});
