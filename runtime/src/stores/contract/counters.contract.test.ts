import { expect, it } from 'vitest';
import { describeStores } from './harness';

describeStores('CounterStore', (get) => {
  it('adds increments', async () => {
    const { counters } = get();
    await counters.incr([
      { key: 'k', field: 'a', by: 2 },
      { key: 'k', field: 'b', by: 1 },
    ]);
    await counters.incr([{ key: 'k', field: 'a', by: 3 }]);
    expect(await counters.read('k')).toEqual({ a: 5, b: 1 });
    expect(await counters.read('none')).toEqual({});
  });
});
