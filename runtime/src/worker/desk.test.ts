import { describe, expect, it } from 'vitest';
import { describeInbound } from './desk';

describe('describeInbound (the desk transcript line of a user message)', () => {
  it('shows a reaction, its removal and a system notice as events, not as words the user wrote', () => {
    expect(describeInbound({ kind: 'reaction', text: '😮' })).toBe('[reaction 😮]');
    expect(describeInbound({ kind: 'reaction' })).toBe('[reaction removed]');
    expect(describeInbound({ kind: 'unsupported', text: 'User A changed from 1 to 2' })).toBe('[unsupported: User A changed from 1 to 2]');
    expect(describeInbound({ kind: 'unsupported' })).toBe('[unsupported]');
  });

  it('shows what the user wrote or picked as before', () => {
    expect(describeInbound({ kind: 'text', text: 'hello' })).toBe('hello');
    expect(describeInbound({ kind: 'button', choiceId: 'yes' })).toBe('[picked yes]');
  });
});
