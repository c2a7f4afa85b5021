import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { compileUncached } from './compile';
import { BOOT, emptyContext, type MachineEvent, type Turn } from './machine-types';
import { pureInitialTransition, pureTransition } from './pure-transition';
import { snapshotAt } from './restore';
import { makeFlow, understanding } from './test-kit';

const flow = makeFlow(
  [
    { id: 'hi', type: 'message', text: 'Hi {{contact.name}}', exits: { next: 'q' } },
    { id: 'q', type: 'ask', prompt: 'Number?', expect: 'number', saveAs: 'n', exits: { next: 'r' } },
    {
      id: 'r',
      type: 'route',
      operand: '{{n}}',
      cases: [{ id: 'big', test: { op: 'has_number_gt', args: [10] } }],
      exits: { big: 'h', default: null },
    },
    { id: 'h', type: 'http', method: 'GET', url: 'https://x/{{n}}', exits: { success: null } },
    { id: 'help', type: 'message', text: 'Help', exits: { next: null } },
  ],
  { interrupts: [{ intent: 'help', target: 'help', resume: true }], settings: { softTimeout: { after: '5m', node: 'help' } } },
);

function turn(extra: Partial<Turn> = {}): Turn {
  return { now: 1, sprint: 1, language: 'en', timezone: 'UTC', contact: { id: 'c', name: 'Ana' }, budget: { used: 0, max: 100 }, ...extra };
}

const plain = (actions: Array<{ type: string; params?: unknown }>) => actions.map((a) => ({ type: a.type, params: a.params }));

describe('pure transition with a reused inert scope', () => {
  it("gives the same snapshots and actions as xstate's transition()", () => {
    const machine = compileUncached(flow).compiled!.machine;
    const input = { vars: {}, child: false };
    let [ours, ourActions] = pureInitialTransition(machine, input);
    let [theirs, theirActions] = initialTransition(machine, input) as [AnyMachineSnapshot, Array<{ type: string; params?: unknown }>];
    expect(plain(ourActions)).toEqual(plain(theirActions));
    const events: MachineEvent[] = [
      { type: 'next', turn: turn() },
      { type: 'next', turn: turn() },
      {
        type: 'message',
        turn: turn({ input: { kind: 'text', text: 'help' }, understanding: understanding({ intent: 'help', confidence: 1 }) }),
      },
      { type: 'next', turn: turn() },
      { type: 'next', turn: turn() },
      { type: 'message', turn: turn({ input: { kind: 'text', text: 'seven' } }) },
      { type: 'message', turn: turn({ input: { kind: 'text', text: '42' } }) },
      { type: 'next', turn: turn() },
    ];
    for (const event of events) {
      [ours, ourActions] = pureTransition(machine, ours, event);
      [theirs, theirActions] = transition(machine, theirs, event as never) as [
        AnyMachineSnapshot,
        Array<{ type: string; params?: unknown }>,
      ];
      expect(ours.value).toEqual(theirs.value);
      expect(ours.context).toEqual(theirs.context);
      expect(plain(ourActions)).toEqual(plain(theirActions));
    }
    expect(ours.value).toEqual('h');
    expect((ours.context as { vars: Record<string, unknown> }).vars.n).toBe(42);
  });
});

describe('restored snapshots', () => {
  it('equal what XState builds: the initial snapshot for boot, resolveState for a node', () => {
    const machine = compileUncached(flow).compiled!.machine;
    const input = { vars: { a: 1 }, child: false };
    const [initial] = pureInitialTransition(machine, input);
    const boot = snapshotAt(machine, BOOT, BOOT, emptyContext(input));
    for (const key of ['status', 'value', 'context', '_nodes', 'historyValue', 'children'] as const)
      expect(boot[key]).toEqual(initial[key]);
    const context = { ...emptyContext(input), retries: 1 };
    const resolved = machine.resolveState({ value: 'q', context });
    for (let i = 0; i < 2; i++) {
      const ours = snapshotAt(machine, 'q', 'q', context);
      expect(Object.keys(ours).sort()).toEqual(Object.keys(resolved).sort());
      for (const key of ['status', 'value', 'context', '_nodes', 'historyValue', 'children'] as const)
        expect(ours[key]).toEqual(resolved[key]);
      // A restored snapshot transitions like XState's own.
      const event: MachineEvent = { type: 'message', turn: turn({ input: { kind: 'text', text: '4' } }) };
      expect(pureTransition(machine, ours, event)[0].value).toEqual(pureTransition(machine, resolved, event)[0].value);
    }
  });
});
