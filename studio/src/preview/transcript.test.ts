import { describe, expect, it } from 'vitest';
import { stateForTurn, toTranscriptTest, type ChatTurn } from './transcript';

describe('toTranscriptTest', () => {
  it('turns a preview conversation into transcript turns', () => {
    const turns: ChatTurn[] = [
      { from: 'bot', message: { kind: 'choices', text: 'Pick one', options: [{ id: 'sales', title: 'Sales' }, { id: 'help', title: 'Help' }] } },
      { from: 'user', message: { kind: 'button', choiceId: 'help', text: 'Help' }, label: 'Help' },
      { from: 'bot', message: { kind: 'text', text: 'What is your order number?' } },
      { from: 'user', message: { kind: 'text', text: 'A-123' }, label: 'A-123' },
      { from: 'system', text: 'restarted' },
      { from: 'user-timeout' },
      { from: 'bot', message: { kind: 'template', name: 'reminder', language: 'en', params: {} } },
    ];
    const t = toTranscriptTest('help path', turns, { type: 'state', status: 'ended', variables: { order: 'A-123', empty: null } });
    expect(t).toEqual({
      name: 'help path',
      turns: [
        { bot: { text: 'Pick one', buttons: ['Sales', 'Help'] } },
        { tap: 'help' },
        { bot: { text: 'What is your order number?' } },
        { user: 'A-123' },
        { timeout: true },
        { bot: { template: 'reminder' } },
        { expect: { ended: true, variables: { order: 'A-123' } } },
      ],
    });
  });
});

describe('stateForTurn', () => {
  it('finds the state of a step whether it came before or after the bot messages', () => {
    const s1 = { type: 'state' as const, status: 'waiting', variables: { a: 1 } };
    const s2 = { type: 'state' as const, status: 'ended', variables: { a: 2 } };
    const turns: ChatTurn[] = [
      { from: 'state', state: s1 },
      { from: 'bot', message: { kind: 'text', text: 'one' } },
      { from: 'user', message: { kind: 'text', text: 'x' }, label: 'x' },
      { from: 'bot', message: { kind: 'text', text: 'two' } },
      { from: 'state', state: s2 },
    ];
    expect(stateForTurn(turns, 1)).toBe(s1);
    expect(stateForTurn(turns, 3)).toBe(s2);
    expect(stateForTurn(turns, 2)).toBe(s2);
  });
});
