import { expect, it } from 'vitest';
import { conversationId } from '../../conversation';
import { describeStores } from './harness';

describeStores('DeadLetterStore', (get) => {
  it('lists newest first and takes a letter once', async () => {
    const { deadLetters } = get();
    const conv = conversationId('t', 'whatsapp', 'c');
    const item = { key: 'k', nodeId: 'n', lane: 0 as const, message: { kind: 'text' as const, text: 'x' }, attempts: 5, createdAt: 1 };
    const a = await deadLetters.add({ conv, item, reason: 'permanent', code: 131026, at: 1 });
    const b = await deadLetters.add({ conv, item, reason: 'later', at: 2 });
    expect((await deadLetters.list(10)).map((d) => d.id)).toEqual([b, a]);
    expect((await deadLetters.take(a))?.code).toBe(131026);
    expect(await deadLetters.take(a)).toBeNull();
    expect((await deadLetters.list(10)).map((d) => d.id)).toEqual([b]);
  });
});
