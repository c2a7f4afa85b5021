import { expect, it } from 'vitest';
import { compileUncached } from './compile';
import { EFFECT_ACTION_TYPES } from './effect-actions';
import { FLOW_GUARDS, FLOW_UPDATES, NODE_GUARDS, NODE_UPDATES } from './machine-names';
import { makeFlow } from './test-kit';

it('every guard and action name has exactly one implementation, and every implementation a name', () => {
  const machine = compileUncached(makeFlow([{ id: 'bye', type: 'message', text: 'Bye', exits: { next: null } }])).compiled!.machine;
  expect(Object.keys(machine.implementations.guards).sort()).toEqual([...FLOW_GUARDS, ...NODE_GUARDS].sort());
  expect(Object.keys(machine.implementations.actions).sort()).toEqual([...FLOW_UPDATES, ...NODE_UPDATES, ...EFFECT_ACTION_TYPES].sort());
});
