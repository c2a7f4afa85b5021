import { expect, it } from 'vitest';
import { describeStores } from './harness';

describeStores('MessageStateStore', (get) => {
  it('stores and returns message states', async () => {
    const { messages } = get();
    await messages.set('wamid.1', { conv: 'c', key: 'k', state: 'sent', updatedAt: 1 }, 60);
    expect(await messages.get('c', 'wamid.1')).toEqual({ conv: 'c', key: 'k', state: 'sent', updatedAt: 1 });
    expect(await messages.get('c', 'wamid.2')).toBeNull();
  });
});
