import { describe, expect, it } from 'vitest';
import { Conversation, makeFlow } from '../../engine/test-kit';
import type { FlowNode, SplitBranch } from '../../types';
import { branchAt, splitPosition } from './pick';

const AB: SplitBranch[] = [
  { id: 'a', label: 'Short copy', weight: 50 },
  { id: 'b', label: 'Long copy', weight: 30 },
  { id: 'c', label: 'Off', weight: 0 },
  { id: 'd', label: 'Emoji', weight: 20 },
];

function splitFlow(extra: Parameters<typeof makeFlow>[1] = {}, before: FlowNode[] = []) {
  return makeFlow(
    [
      ...before,
      { id: 'ab', type: 'split', branches: AB, exits: { a: 'msg_a', b: 'msg_b', c: 'msg_c', d: 'msg_d' } },
      { id: 'msg_a', type: 'message', text: 'short', exits: { next: null } },
      { id: 'msg_b', type: 'message', text: 'long', exits: { next: null } },
      { id: 'msg_c', type: 'message', text: 'off', exits: { next: null } },
      { id: 'msg_d', type: 'message', text: 'emoji', exits: { next: null } },
    ],
    { id: 'promo', ...extra },
  );
}

const TEXT: Record<string, string> = { a: 'short', b: 'long', c: 'off', d: 'emoji' };
const contacts = Array.from({ length: 300 }, (_, i) => `4915100${String(i).padStart(5, '0')}`);

/** The branch the pure choice gives: the engine must agree with it contact by contact. */
const expected = (contactId: string, flowId = 'promo', nodeId = 'ab') => branchAt(AB, splitPosition(flowId, nodeId, contactId))!.id;

describe('split node', () => {
  it('sends each contact down the branch its hash picks, without waiting, and records the choice', () => {
    const flow = splitFlow();
    const taken = new Set<string>();
    for (const id of contacts) {
      const c = new Conversation(flow);
      c.start({ contact: { id } });
      const branch = expected(id);
      taken.add(branch);
      expect([id, c.texts]).toEqual([id, [TEXT[branch]]]);
      expect(c.vars).toEqual({ split: { ab: branch } });
      expect(c.snapshot?.status).toBe('ended');
      expect(c.of('analytics').filter((a) => a.nodeId === 'ab')).toEqual([
        { type: 'analytics', name: 'node.visit', nodeId: 'ab' },
        { type: 'analytics', name: 'node.exit', nodeId: 'ab', exit: branch },
      ]);
    }
    // 300 contacts over 50/30/0/20: every live branch is taken, the zero-weight one never.
    expect([...taken].sort()).toEqual(['a', 'b', 'd']);
  });

  it('is sticky: the same contact takes the same branch in a new session and after a restart', () => {
    const flow = splitFlow();
    for (const id of contacts.slice(0, 20)) {
      const first = new Conversation(flow);
      first.start({ contact: { id } });
      first.start({ contact: { id } });
      const again = new Conversation(JSON.parse(JSON.stringify(flow)) as typeof flow);
      again.start({ contact: { id } });
      expect(first.texts).toEqual(again.texts);
      expect(again.vars).toEqual({ split: { ab: expected(id) } });
    }
  });

  it('keeps a contact on its branch when the flow loops back to the split, and hashes the flow it belongs to', () => {
    const ask: FlowNode = { id: 'ask', type: 'ask', prompt: 'Go?', expect: 'text', saveAs: 'said', exits: { next: 'ab' } };
    const flow = splitFlow({ id: 'other', variables: { said: { type: 'string' } } }, [ask]);
    flow.nodes = flow.nodes.map((n) => (n.type === 'message' && n.id !== 'msg_c' ? { ...n, exits: { next: 'ask' } } : n));
    const id = contacts.find((contact) => expected(contact, 'other') !== expected(contact, 'promo'))!;
    const c = new Conversation(flow);
    c.start({ contact: { id } });
    c.say('go');
    expect(c.texts).toEqual([TEXT[expected(id, 'other')], 'Go?']);
    c.say('again');
    expect(c.texts).toEqual([TEXT[expected(id, 'other')], 'Go?']);
    expect(c.vars.split).toEqual({ ab: expected(id, 'other') });
  });

  it('a recorded choice stands while its branch is on: an event can assign a contact to a branch', () => {
    const flow = splitFlow({ variables: { split: { type: 'object' } } });
    const id = contacts.find((contact) => expected(contact) !== 'b')!;
    const c = new Conversation(flow);
    c.start({ contact: { id }, trigger: { kind: 'event', name: 'promo', params: { split: { ab: 'b' } } } });
    expect(c.texts).toEqual(['long']);
    // A branch turned off (weight 0) or unknown is not kept: the hash decides.
    c.start({ contact: { id }, trigger: { kind: 'event', name: 'promo', params: { split: { ab: 'c' } } } });
    expect(c.texts).toEqual([TEXT[expected(id)]]);
    c.start({ contact: { id }, trigger: { kind: 'event', name: 'promo', params: { split: { ab: 'gone' } } } });
    expect(c.vars.split).toEqual({ ab: expected(id) });
  });

  it('a session without a contact always takes the branch of the empty id', () => {
    const c = new Conversation(splitFlow());
    c.send({ type: 'start' });
    expect(c.texts).toEqual([TEXT[expected('')]]);
  });

  it('a branch exit left null ends the conversation there', () => {
    const flow = splitFlow();
    flow.nodes[0] = { ...flow.nodes[0]!, exits: { a: null, b: null, c: null, d: null } } as FlowNode;
    const c = new Conversation(flow);
    c.start({ contact: { id: contacts[0]! } });
    expect(c.texts).toEqual([]);
    expect(c.snapshot?.status).toBe('ended');
    expect(c.vars).toEqual({ split: { ab: expected(contacts[0]!) } });
  });

  it('a split without branches (an unvalidated flow) is a compile error, not a crash', () => {
    const flow = makeFlow([{ id: 'ab', type: 'split', branches: [] }]);
    const c = new Conversation(flow);
    c.start();
    expect(c.of('error')[0]?.message).toMatch(/split node 'ab' has no branches \(at \/nodes\/0\/branches\)/);
  });
});
