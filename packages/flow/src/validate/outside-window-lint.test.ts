import type { TemplateInfo } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import type { Flow, FlowNode } from '../types';
import { validateFlow } from './validate-flow';

const followUp: TemplateInfo = {
  name: 'follow_up',
  category: 'utility',
  languages: ['en', 'de'],
  approvedLanguages: ['en'],
  parameters: { first_name: { type: 'text', optional: true }, total: { type: 'number', optional: false } },
  quickReplies: [
    { text: 'Yes please', payload: 'yes' },
    { text: 'Stop', payload: 'stop' },
  ],
};

const options = { templateInfo: (name: string) => (name === 'follow_up' ? followUp : undefined) };

function flowOf(nodes: FlowNode[], extra: Partial<Flow> = {}): Flow {
  return {
    id: 'f',
    name: 'F',
    specVersion: '1.0.0',
    revision: 1,
    languages: ['en'],
    start: nodes[0]!.id,
    variables: { total: { type: 'number' }, flag: { type: 'boolean' }, answer: { type: 'string' } },
    nodes,
    ...extra,
  };
}

const codes = (flow: Flow) =>
  validateFlow(flow, options)
    .issues.filter((i) => i.code !== 'unused-variable')
    .map((i) => `${i.severity} ${i.code} ${i.path}`);

const end: FlowNode = { id: 'bye', type: 'end' };

/** A message with Yes/Stop buttons: the template's quick replies come back to it. */
function choices(outsideWindow: NonNullable<Extract<FlowNode, { type: 'message' }>['outsideWindow']>): FlowNode {
  return {
    id: 'offer',
    type: 'message',
    text: 'Want the deal?',
    buttons: [
      { id: 'yes', title: 'Yes please' },
      { id: 'stop', title: 'Stop' },
    ],
    outsideWindow,
    exits: { yes: 'bye', stop: 'bye', other: 'bye' },
  };
}

describe('outsideWindow templates against their template', () => {
  it('accept a template whose values fit, its quick replies handled by the node’s own buttons', () => {
    expect(codes(flowOf([choices({ template: 'follow_up', language: 'en', values: { total: '{{total}}' } }), end]))).toEqual([]);
  });

  it('report an unknown template at /nodes/i/outsideWindow/template', () => {
    expect(codes(flowOf([choices({ template: 'nope', language: 'en' }), end]))).toEqual([
      'error unknown-template /nodes/0/outsideWindow/template',
    ]);
  });

  it('report the language, missing, unknown and mistyped values at their pointers', () => {
    expect(codes(flowOf([choices({ template: 'follow_up', language: 'fr', values: { coupon: 'x' } }), end]))).toEqual([
      'error template-language-missing /nodes/0/outsideWindow/language',
      'error template-parameter-missing /nodes/0/outsideWindow/values',
      'error template-parameter-unknown /nodes/0/outsideWindow/values/coupon',
    ]);
    expect(codes(flowOf([choices({ template: 'follow_up', language: 'de', values: { total: '{{flag}}' } }), end]))).toEqual([
      'error template-parameter-type /nodes/0/outsideWindow/values/total',
      'warning template-not-approved /nodes/0/outsideWindow/language',
    ]);
  });

  it('on an ask: quick replies nothing handles are reported, an empty value and an undeclared variable too', () => {
    const ask: FlowNode = {
      id: 'q',
      type: 'ask',
      prompt: 'Anything else?',
      expect: 'text',
      saveAs: 'answer',
      outsideWindow: { template: 'follow_up', language: 'en', values: { total: '{{missing}}', first_name: ' ' } },
      exits: { next: 'bye' },
    };
    const found = codes(flowOf([ask, end]));
    expect(found).toEqual(
      expect.arrayContaining([
        'error template-param-empty /nodes/0/outsideWindow/values/first_name',
        'error undeclared-variable /nodes/0/outsideWindow/values/total',
        'warning template-quick-reply-unhandled /nodes/0/outsideWindow/template',
      ]),
    );
    expect(found.filter((c) => c.includes('quick-reply'))).toHaveLength(2);
    const message = validateFlow(flowOf([ask, end]), options).issues.find((i) => i.code === 'template-quick-reply-unhandled')!.message;
    expect(message).toBe(
      "The quick reply 'Yes please' of template 'follow_up' (payload 'yes') is not recognised after node 'q' (outside the 24-hour window): no route case, choice, payload exit, interrupt or keyword there matches it.",
    );
  });

  it('count an interrupt intent’s examples and keywords as handling a quick reply (any case)', () => {
    const ask: FlowNode = {
      id: 'q',
      type: 'ask',
      prompt: 'Anything else?',
      expect: 'text',
      saveAs: 'answer',
      outsideWindow: { template: 'follow_up', language: 'en', values: { total: '1' } },
      exits: { next: 'bye' },
    };
    const flow = flowOf([ask, end], {
      intents: [
        { name: 'optout', examples: { en: ['STOP'] } },
        { name: 'agree', keywords: { de: ['yes please'] } },
      ],
      interrupts: [
        { intent: 'optout', target: 'bye', resume: false },
        { intent: 'agree', target: 'bye', resume: false },
      ],
    });
    expect(codes(flow).filter((c) => c.includes('quick-reply'))).toEqual([]);
    // An intent that is not an interrupt only runs where a route tests it: it handles nothing here.
    const notInterrupt = flowOf([ask, end], { intents: [{ name: 'optout', examples: { en: ['stop'] } }] });
    expect(codes(notInterrupt).filter((c) => c.includes('quick-reply'))).toHaveLength(2);
  });
});

describe('template nodes with quick-reply payload exits', () => {
  const node = (exits: Record<string, string | null>): FlowNode => ({
    id: 'remind',
    type: 'template',
    name: 'follow_up',
    language: 'en',
    values: { total: '{{total}}' },
    exits,
  });

  it('count the node’s own payload exits as handling its quick replies', () => {
    expect(codes(flowOf([node({ yes: 'bye', stop: 'bye', failed: 'bye', next: null }), end]))).toEqual([]);
  });

  it('report a payload exit the template has no quick reply for', () => {
    expect(codes(flowOf([node({ yes: 'bye', stop: 'bye', stop_all: 'bye', failed: 'bye', next: null }), end]))).toEqual([
      'error template-exit-unknown-payload /nodes/0/exits/stop_all',
    ]);
    const issue = validateFlow(flowOf([node({ yes: 'bye', stop: 'bye', nope: 'bye', failed: 'bye' }), end]), options).issues[0]!;
    expect(issue.message).toBe(
      "Template node 'remind' has an exit 'nope', but template 'follow_up' has no quick reply with that payload, so it can never be taken; its quick replies are 'yes' (Yes please), 'stop' (Stop) (the other exits a template node can have are next, failed, other and timeout).",
    );
  });

  it('warn on a timeout exit without a timeout, and a timeout without payload exits', () => {
    expect(codes(flowOf([node({ yes: 'bye', stop: 'bye', timeout: 'bye', failed: 'bye' }), end]))).toEqual([
      'warning timeout-exit-never-fires /nodes/0/exits/timeout',
    ]);
    const plain: FlowNode = { ...node({ next: 'bye', failed: 'bye' }), timeout: '2d' } as FlowNode;
    expect(codes(flowOf([plain, end]))).toEqual([
      'warning template-quick-reply-unhandled /nodes/0/name',
      'warning template-quick-reply-unhandled /nodes/0/name',
      'warning template-timeout-unused /nodes/0/timeout',
    ]);
  });

  it('report other/timeout exits on a template node that does not wait as unknown', () => {
    expect(codes(flowOf([node({ next: 'bye', failed: 'bye', other: 'bye' }), end])).filter((c) => c.includes('exit'))).toEqual([
      'error unknown-exit /nodes/0/exits/other',
    ]);
  });
});
