import { describe, expect, it } from 'vitest';
import { toTranscriptTest, type ChatTurn } from './transcript';

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
