import type { TemplateGate, TemplateSendRequest } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { Conversation, makeFlow } from '../../engine/test-kit';
import type { Flow, FlowNode } from '../../types';

/** A gate like the hosts': named values become typed params; `refuse` names templates it will not send. */
function fakeGate(refuse: Record<string, 'paused' | 'missing_parameter'> = {}): TemplateGate & { requests: TemplateSendRequest[] } {
  const requests: TemplateSendRequest[] = [];
  return {
    requests,
    prepare(request) {
      requests.push(request);
      const reason = refuse[request.name];
      if (reason) return { ok: false, reason, detail: `${request.name} is ${reason}` };
      const body = Object.entries(request.values).map(([name, value]) =>
        typeof value === 'number'
          ? { type: 'text' as const, name, text: value.toFixed(2) }
          : { type: 'text' as const, name, text: String(value) },
      );
      return {
        ok: true,
        message: { kind: 'template', name: request.name, language: request.language, params: { body }, category: 'utility', version: 'h1' },
      };
    },
  };
}

const reminder = (exits: Record<string, string | null> = { next: 'after' }): FlowNode => ({
  id: 'remind',
  type: 'template',
  name: 'cart_reminder',
  language: 'en',
  values: { first_name: '{{contact.name}}', cart_total: '{{total}}', greeting: 'Hi {{contact.name}}!' },
  exits,
});
const after: FlowNode = { id: 'after', type: 'message', text: 'after the template', exits: { next: null } };
const sorry: FlowNode = { id: 'sorry', type: 'message', text: 'could not send', exits: { next: null } };

function flowOf(nodes: FlowNode[], extra: Partial<Flow> = {}): Flow {
  return makeFlow(nodes, { variables: { total: { type: 'number', default: 129.9 } }, ...extra });
}

describe('template node', () => {
  it('without a gate sends legacy positional parameters as before', () => {
    const flow = makeFlow(
      [
        {
          id: 't',
          type: 'template',
          name: 'cart_reminder',
          language: 'en_US',
          params: { body: ['{{contact.name}}', '{{format_number(total, 2)}}'] },
          exits: { next: null },
        },
      ],
      { variables: { total: { type: 'number', default: 9 } } },
    );
    const c = new Conversation(flow);
    c.start({ contact: { id: 'c', name: 'Bo' } });
    expect(c.of('send')[0]!.message).toEqual({
      kind: 'template',
      name: 'cart_reminder',
      language: 'en_US',
      params: { body: ['Bo', '9.00'] },
    });
  });

  it('without a gate sends named values as named text parameters', () => {
    const c = new Conversation(flowOf([reminder(), after]));
    c.start({ contact: { id: 'c', name: 'Maya' } });
    expect(c.of('send')[0]!.message).toEqual({
      kind: 'template',
      name: 'cart_reminder',
      language: 'en',
      params: {
        body: [
          { type: 'text', name: 'first_name', text: 'Maya' },
          { type: 'text', name: 'cart_total', text: '129.9' },
          { type: 'text', name: 'greeting', text: 'Hi Maya!' },
        ],
      },
    });
  });

  it('asks the gate with raw values (a lone {{expr}} keeps its type) and sends what it returns', () => {
    const gate = fakeGate();
    const c = new Conversation(flowOf([reminder(), after]), { templates: gate });
    c.start({ contact: { id: 'c', name: 'Maya' } });
    expect(gate.requests).toEqual([
      { name: 'cart_reminder', language: 'en', values: { first_name: 'Maya', cart_total: 129.9, greeting: 'Hi Maya!' } },
    ]);
    const sends = c.of('send');
    expect(sends.map((s) => s.nodeId)).toEqual(['remind', 'after']);
    expect(sends[0]!.message).toMatchObject({
      kind: 'template',
      category: 'utility',
      version: 'h1',
      params: { body: [{ name: 'first_name', text: 'Maya' }, { name: 'cart_total', text: '129.90' }, { name: 'greeting' }] },
    });
    expect(c.of('template.refused')).toEqual([]);
    expect(c.of('analytics').filter((a) => a.name === 'node.exit')[0]).toMatchObject({ nodeId: 'remind', exit: 'next' });
  });

  it('passes legacy positional params through the gate as `positional`', () => {
    const gate = fakeGate();
    const node: FlowNode = { id: 't', type: 'template', name: 'old', language: 'en', params: { header: ['{{total}}'], body: ['x'] } };
    new Conversation(flowOf([node]), { templates: gate }).start();
    expect(gate.requests[0]).toEqual({ name: 'old', language: 'en', values: {}, positional: { header: ['129.9'], body: ['x'] } });
  });

  it('asks the gate once per visit', () => {
    const gate = fakeGate({ cart_reminder: 'paused' });
    new Conversation(flowOf([reminder({ next: 'after', failed: 'sorry' }), after, sorry]), { templates: gate }).start();
    expect(gate.requests).toHaveLength(1);
  });

  it('a refused template takes the failed exit, with a template.refused effect and nothing sent', () => {
    const c = new Conversation(flowOf([reminder({ next: 'after', failed: 'sorry' }), after, sorry]), {
      templates: fakeGate({ cart_reminder: 'paused' }),
    });
    c.start({ contact: { id: 'c', name: 'Maya' } });
    expect(c.of('template.refused')).toEqual([
      {
        type: 'template.refused',
        nodeId: 'remind',
        name: 'cart_reminder',
        language: 'en',
        reason: 'paused',
        detail: 'cart_reminder is paused',
      },
    ]);
    expect(c.texts).toEqual(['could not send']);
    expect(c.of('analytics').filter((a) => a.name === 'node.exit')[0]).toMatchObject({ nodeId: 'remind', exit: 'failed' });
  });

  it('a failed exit set to null ends the branch', () => {
    const c = new Conversation(flowOf([reminder({ next: 'after', failed: null }), after]), {
      templates: fakeGate({ cart_reminder: 'paused' }),
    });
    c.start();
    expect(c.texts).toEqual([]);
    expect(c.snapshot?.status).toBe('ended');
  });

  it('without a failed exit a refused template goes to settings.templateFailure', () => {
    const flow = flowOf([reminder(), after, sorry], { settings: { templateFailure: 'sorry' } });
    const c = new Conversation(flow, { templates: fakeGate({ cart_reminder: 'missing_parameter' }) });
    c.start();
    expect(c.of('template.refused').map((r) => r.reason)).toEqual(['missing_parameter']);
    expect(c.texts).toEqual(['could not send']);
  });

  it('with no failure path at all a refused template goes on by next, with nothing sent', () => {
    const c = new Conversation(flowOf([reminder(), after]), { templates: fakeGate({ cart_reminder: 'paused' }) });
    c.start();
    expect(c.of('template.refused')).toHaveLength(1);
    expect(c.texts).toEqual(['after the template']);
  });

  it('settings.templateFailure naming no node is a compile error, not a crash', () => {
    const c = new Conversation(flowOf([reminder(), after], { settings: { templateFailure: 'nowhere' } }));
    c.start();
    expect(c.of('error')[0]?.message).toMatch(/settings.templateFailure 'nowhere' is not a node of this flow/);
  });

  it('a template node that loops back through its own failure path stops at the transition cap', () => {
    const bump: FlowNode = {
      id: 'bump',
      type: 'set',
      assign: [{ variable: 'i', value: '{{ default(i, 0) + 1 }}' }],
      exits: { next: 'remind' },
    };
    const flow = flowOf([reminder({ next: 'after', failed: 'bump' }), bump, after]);
    const c = new Conversation(flow, { templates: fakeGate({ cart_reminder: 'paused' }) });
    c.start();
    expect(c.of('error')[0]?.code).toBe('transition_cap');
  });
});
