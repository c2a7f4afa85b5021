import type { TemplateGate, TemplateSendRequest } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { compileFlow } from '../../engine/compile';
import { expectationsAt } from '../../engine/expectations';
import { Conversation, makeFlow } from '../../engine/test-kit';
import type { Flow, FlowNode } from '../../types';
import { templateNode } from './definition';

/** Approves every template but those in `refuse`; records what it was asked. */
function gate(refuse: string[] = []): TemplateGate & { requests: TemplateSendRequest[] } {
  const requests: TemplateSendRequest[] = [];
  return {
    requests,
    prepare(request) {
      requests.push(request);
      if (refuse.includes(request.name)) return { ok: false, reason: 'paused', detail: `${request.name} is paused` };
      return { ok: true, message: { kind: 'template', name: request.name, language: request.language, params: {} } };
    },
  };
}

const text = (id: string, words: string): FlowNode => ({ id, type: 'message', text: words, exits: { next: null } });

function reminder(exits: Record<string, string | null>, extra: Partial<Extract<FlowNode, { type: 'template' }>> = {}): FlowNode {
  return { id: 'remind', type: 'template', name: 'cart_reminder', language: 'en', exits, ...extra };
}

function flowOf(node: FlowNode, extra: Partial<Flow> = {}): Flow {
  return makeFlow(
    [node, text('stopped', 'No more reminders.'), text('sorry', 'could not send'), text('later', 'Still there?'), text('else', 'else')],
    extra,
  );
}

const exits = { stop_reminders: 'stopped', other: 'else', failed: 'sorry', timeout: 'later', next: null };

describe('template node with quick-reply payload exits', () => {
  it('lists its payload exits and waits (definition, compile kind, expectations)', () => {
    const node = reminder(exits) as Extract<FlowNode, { type: 'template' }>;
    expect(templateNode.exits(node)).toEqual(['next', 'failed', 'stop_reminders', 'other', 'timeout']);
    expect(templateNode.waits(node)).toBe(true);
    expect(templateNode.summary(node)).toBe('template cart_reminder (en, 0 params) [stop_reminders]');
    const plain = reminder({ next: null, failed: null }) as Extract<FlowNode, { type: 'template' }>;
    expect(templateNode.exits(plain)).toEqual(['next', 'failed']);
    expect(templateNode.waits(plain)).toBe(false);
    const flow = flowOf(node);
    expect(compileFlow(flow).compiled!.kindOf('remind')).toBe('user-wait');
    const c = new Conversation(flow, { templates: gate() });
    c.start();
    expect(expectationsAt(flow, c.snapshot).choices).toEqual([{ id: 'stop_reminders', title: 'stop_reminders' }]);
  });

  it('sends the template, waits, and a tapped payload takes its exit', () => {
    const g = gate();
    const c = new Conversation(flowOf(reminder(exits), {}), { templates: g });
    c.start();
    expect(c.texts).toEqual(['[template cart_reminder]']);
    expect(c.snapshot).toMatchObject({ status: 'waiting', waitingAt: 'remind' });
    c.input({ kind: 'button', choiceId: 'stop_reminders', text: 'Stop reminders' });
    expect(c.texts).toEqual(['No more reminders.']);
    expect(c.of('analytics').find((a) => a.name === 'node.exit')).toMatchObject({ nodeId: 'remind', exit: 'stop_reminders' });
    // The reply did not ask the gate again.
    expect(g.requests).toHaveLength(1);
  });

  it('takes the payload exit for the payload typed out (trimmed, any case), other for anything else', () => {
    const typed = new Conversation(flowOf(reminder(exits)), { templates: gate() });
    typed.start();
    typed.say('  STOP_Reminders ');
    expect(typed.texts).toEqual(['No more reminders.']);
    const other = new Conversation(flowOf(reminder(exits)), { templates: gate() });
    other.start();
    other.say('what is this?');
    expect(other.texts).toEqual(['else']);
    expect(other.of('analytics').some((a) => a.name === 'misunderstood' && a.nodeId === 'remind')).toBe(true);
  });

  it('without other: next when it leads somewhere, else it keeps waiting', () => {
    const toNext = new Conversation(flowOf(reminder({ stop_reminders: 'stopped', next: 'else', failed: null })), { templates: gate() });
    toNext.start();
    toNext.say('hmm');
    expect(toNext.texts).toEqual(['else']);
    const stays = new Conversation(flowOf(reminder({ stop_reminders: 'stopped', next: null, failed: null })), { templates: gate() });
    stays.start();
    stays.say('hmm');
    expect(stays.texts).toEqual([]);
    expect(stays.snapshot).toMatchObject({ status: 'waiting', waitingAt: 'remind' });
    stays.input({ kind: 'button', choiceId: 'stop_reminders' });
    expect(stays.texts).toEqual(['No more reminders.']);
  });

  it('takes timeout after the node timeout', () => {
    const c = new Conversation(flowOf(reminder(exits, { timeout: '2d' })), { templates: gate() });
    c.start();
    expect(c.of('timer.schedule')).toEqual([expect.objectContaining({ kind: 'ask_timeout', delayMs: 2 * 86_400_000 })]);
    c.fire('ask_timeout');
    expect(c.texts).toEqual(['Still there?']);
  });

  it('a refused template never waits: template.refused, the failed exit, no timer', () => {
    const c = new Conversation(flowOf(reminder(exits, { timeout: '2d' })), { templates: gate(['cart_reminder']) });
    c.start();
    expect(c.of('template.refused')).toEqual([expect.objectContaining({ nodeId: 'remind', reason: 'paused' })]);
    expect(c.texts).toEqual(['could not send']);
    expect(c.of('timer.schedule')).toEqual([]);
    expect(c.of('timer.cancel')).toEqual([]);
    expect(c.snapshot?.status).toBe('ended');
  });

  it('a refused template without failed goes to settings.templateFailure, else next', () => {
    const { failed: _failed, ...noFailed } = exits;
    const viaSetting = new Conversation(flowOf(reminder(noFailed), { settings: { templateFailure: 'sorry' } }), {
      templates: gate(['cart_reminder']),
    });
    viaSetting.start();
    expect(viaSetting.texts).toEqual(['could not send']);
    const viaNext = new Conversation(flowOf(reminder({ ...noFailed, next: 'later' })), { templates: gate(['cart_reminder']) });
    viaNext.start();
    expect(viaNext.texts).toEqual(['Still there?']);
  });

  it('a refused template whose failure path loops back stops at the transition cap', () => {
    const bump: FlowNode = {
      id: 'bump',
      type: 'set',
      assign: [{ variable: 'i', value: '{{ default(i, 0) + 1 }}' }],
      exits: { next: 'remind' },
    };
    const flow = makeFlow([reminder({ ...exits, failed: 'bump' }), bump, text('stopped', 'x'), text('else', 'y'), text('later', 'z')]);
    const c = new Conversation(flow, { templates: gate(['cart_reminder']) });
    c.start();
    expect(c.of('error')[0]?.code).toBe('transition_cap');
  });

  it('interrupts apply while it waits', () => {
    const flow = flowOf(reminder(exits), {
      intents: [{ name: 'agent', keywords: { en: ['agent'] } }],
      interrupts: [{ intent: 'agent', target: 'later', resume: false }],
    });
    const c = new Conversation(flow, { templates: gate() });
    c.start();
    c.say('agent please', { intent: 'agent', confidence: 1 });
    expect(c.texts).toEqual(['Still there?']);
  });

  it('without a gate sends the template unchecked and waits', () => {
    const c = new Conversation(flowOf(reminder(exits)));
    c.start();
    expect(c.texts).toEqual(['[template cart_reminder]']);
    expect(c.snapshot?.status).toBe('waiting');
  });
});
