import { describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { CHANNELS, CONVERSATION_CHANNELS, isChannel, isConversationChannel } from './channels';
import { SimulatorEvent } from './simulator-events';
import { ValidationIssue } from './validation-issue';

describe('contract schemas', () => {
  it('checks a simulator event the runtime sends and refuses a malformed one', () => {
    const state = { type: 'state', status: 'waiting', waitingAt: 'ask', variables: {}, visited: ['start'], outbound: 1 };
    expect(Value.Check(SimulatorEvent, state)).toBe(true);
    expect(Value.Check(SimulatorEvent, { type: 'bot', message: { kind: 'text', text: 'hi' }, nodeId: 'n1' })).toBe(true);
    expect(Value.Check(SimulatorEvent, { ...state, status: 'sleeping' })).toBe(false);
  });

  it('checks a validation issue', () => {
    expect(Value.Check(ValidationIssue, { severity: 'error', code: 'dangling-exit', message: 'x', path: '/nodes/0' })).toBe(true);
    expect(Value.Check(ValidationIssue, { severity: 'fatal', code: 'x', message: 'x', path: '' })).toBe(false);
  });

  it('knows the simulator as a conversation channel but not as a Meta channel', () => {
    expect(CONVERSATION_CHANNELS).toEqual([...CHANNELS, 'simulator']);
    expect(isChannel('simulator')).toBe(false);
    expect(isConversationChannel('simulator')).toBe(true);
    expect(isChannel('instagram')).toBe(true);
  });
});
