import { expect, it } from 'vitest';
import { describeStores } from './harness';

describeStores('FlowVersionStore', (get) => {
  it('numbers immutable versions and lists newest first', async () => {
    const { flowVersions } = get();
    const rec = { flowId: 'f', publishedAt: 1, publishedBy: 'a', summary: 's', revision: 3, hash: 'h', flow: { id: 'f', vars: {} } };
    expect(await flowVersions.publish(rec)).toEqual({ version: 1, created: true });
    expect(await flowVersions.publish({ ...rec, summary: 'same content' })).toEqual({ version: 1, created: false });
    expect(await flowVersions.publish({ ...rec, summary: 'forced' }, { force: true })).toEqual({ version: 2, created: true });
    expect(await flowVersions.publish({ ...rec, hash: 'h2', summary: 'second', flow: { id: 'f', n: 2 } })).toEqual({
      version: 3,
      created: true,
    });
    expect(await flowVersions.get('f', 1)).toMatchObject({ version: 1, flow: { id: 'f', vars: {} } });
    expect((await flowVersions.latest('f'))?.summary).toBe('second');
    expect((await flowVersions.list('f')).map((v) => v.version)).toEqual([3, 2, 1]);
    expect(await flowVersions.latest('nope')).toBeNull();
    expect(await flowVersions.get('f', 9)).toBeNull();
  });
});
