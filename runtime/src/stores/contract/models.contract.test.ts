import { expect, it } from 'vitest';
import { describeStores } from './harness';

describeStores('ModelStore', (get) => {
  it('keeps serialized models by key', async () => {
    const { models } = get();
    expect((await models.loadAll()).size).toBe(0);
    await models.put('v1:abc', '{"w":[1,2]}');
    await models.put('v1:def', 'x');
    expect(await models.loadAll()).toEqual(
      new Map([
        ['v1:abc', '{"w":[1,2]}'],
        ['v1:def', 'x'],
      ]),
    );
  });
});
