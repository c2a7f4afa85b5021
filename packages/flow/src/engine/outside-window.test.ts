import type { TemplateGate, TemplateSendRequest } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import type { FlowNode } from '../types';
import { Conversation, makeFlow } from './test-kit';

function gate(refuse = false): TemplateGate & { requests: TemplateSendRequest[] } {
  const requests: TemplateSendRequest[] = [];
  return {
    requests,
    prepare(request) {
      requests.push(request);
      if (refuse) return { ok: false, reason: 'not_approved', detail: `${request.name} is pending` };
      const body = Object.entries(request.values).map(([name, value]) => ({ type: 'text' as const, name, text: `<${String(value)}>` }));
      return { ok: true, message: { kind: 'template', name: request.name, language: request.language, params: { body } } };
    },
  };
}

const outsideWindow = { template: 'follow_up', language: 'en', values: { first_name: '{{contact.name}}', count: '{{n}}' } };
const variables = { n: { type: 'number' as const, default: 3 } };

describe('outsideWindow on message and ask nodes', () => {
  it('puts the prepared template on the send as fallbackTemplate (raw values through the gate)', () => {
    const g = gate();
    const node: FlowNode = { id: 'hi', type: 'message', text: 'Hi {{contact.name}}', outsideWindow, exits: { next: null } };
    const c = new Conversation(makeFlow([node], { variables }), { templates: g });
    c.start({ contact: { id: 'c1', name: 'Maya' } });
    expect(g.requests).toEqual([{ name: 'follow_up', language: 'en', values: { first_name: 'Maya', count: 3 } }]);
    expect(c.of('send')).toEqual([
      expect.objectContaining({
        nodeId: 'hi',
        message: { kind: 'text', text: 'Hi Maya' },
        fallbackTemplate: {
          kind: 'template',
          name: 'follow_up',
          language: 'en',
          params: {
            body: [
              { type: 'text', name: 'first_name', text: '<Maya>' },
              { type: 'text', name: 'count', text: '<3>' },
            ],
          },
        },
      }),
    ]);
    expect(c.of('template.refused')).toEqual([]);
  });

  it('a refused template: no fallbackTemplate, a template.refused effect, and the path goes on unchanged', () => {
    const node: FlowNode = { id: 'hi', type: 'message', text: 'Hi', outsideWindow, exits: { next: 'after' } };
    const after: FlowNode = { id: 'after', type: 'message', text: 'after', exits: { next: null } };
    const c = new Conversation(makeFlow([node, after], { variables }), { templates: gate(true) });
    c.start();
    expect(c.of('send').map((s) => [s.nodeId, 'fallbackTemplate' in s])).toEqual([
      ['hi', false],
      ['after', false],
    ]);
    expect(c.of('template.refused')).toEqual([
      {
        type: 'template.refused',
        nodeId: 'hi',
        name: 'follow_up',
        language: 'en',
        reason: 'not_approved',
        detail: 'follow_up is pending',
        outsideWindow: true,
      },
    ]);
  });

  it('without a gate builds the named template unchecked', () => {
    const node: FlowNode = { id: 'hi', type: 'message', text: 'Hi', outsideWindow, exits: { next: null } };
    const c = new Conversation(makeFlow([node], { variables }));
    c.start({ contact: { id: 'c1', name: 'Bo' } });
    expect(c.of('send')[0]!.fallbackTemplate).toEqual({
      kind: 'template',
      name: 'follow_up',
      language: 'en',
      params: {
        body: [
          { type: 'text', name: 'first_name', text: 'Bo' },
          { type: 'text', name: 'count', text: '3' },
        ],
      },
    });
  });

  it('goes on the first message only: media then text gets one template', () => {
    const node: FlowNode = {
      id: 'hi',
      type: 'message',
      media: { type: 'image', url: 'https://example.com/a.png' },
      text: 'Look',
      outsideWindow,
      exits: { next: null },
    };
    const g = gate();
    const c = new Conversation(makeFlow([node], { variables }), { templates: g });
    c.start();
    expect(c.of('send').map((s) => [s.message.kind, s.fallbackTemplate?.name ?? null])).toEqual([
      ['media', 'follow_up'],
      ['text', null],
    ]);
    expect(g.requests).toHaveLength(1);
  });

  it('on an ask: the prompt carries it, a retry prompt (the customer just wrote) does not', () => {
    const ask: FlowNode = {
      id: 'q',
      type: 'ask',
      prompt: 'Your email?',
      expect: 'email',
      saveAs: 'email',
      outsideWindow: { template: 'follow_up', language: 'en' },
      exits: { next: null },
    };
    const g = gate();
    const c = new Conversation(makeFlow([ask], { variables: { email: { type: 'string' } } }), { templates: g });
    c.start();
    expect(c.of('send')[0]).toMatchObject({ message: { text: 'Your email?' }, fallbackTemplate: { name: 'follow_up' } });
    c.say('not an email');
    expect(c.of('send')).toHaveLength(1);
    expect(c.of('send')[0]!.fallbackTemplate).toBeUndefined();
    expect(g.requests).toHaveLength(1);
  });

  it('a node with choices keeps its fallback on the choices message, and a re-sent choice list has none', () => {
    const node: FlowNode = {
      id: 'pick',
      type: 'message',
      text: 'Pick one',
      buttons: [{ id: 'a', title: 'A' }],
      outsideWindow: { template: 'follow_up', language: 'en' },
      exits: { a: null },
    };
    const c = new Conversation(makeFlow([node]), { templates: gate() });
    c.start();
    expect(c.of('send')[0]).toMatchObject({ message: { kind: 'choices' }, fallbackTemplate: { name: 'follow_up' } });
    c.say('something else');
    expect(c.of('send')[0]!.fallbackTemplate).toBeUndefined();
  });
});
