import { expect, it } from 'vitest';
import { conversationId } from '../../conversation';
import { describeStores } from './harness';

describeStores('MessageStateStore', (get) => {
  it('stores and returns message states', async () => {
    const { messages } = get();
    const conv = conversationId('t', 'whatsapp', 'c');
    await messages.set('wamid.1', { conv, key: 'k', state: 'sent', updatedAt: 1 }, 60);
    expect(await messages.get(conv, 'wamid.1')).toEqual({ conv, key: 'k', state: 'sent', updatedAt: 1 });
    expect(await messages.get(conv, 'wamid.2')).toBeNull();
  });
});
