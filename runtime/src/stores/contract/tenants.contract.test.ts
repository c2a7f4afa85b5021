import { expect, it } from 'vitest';
import { describeStores } from './harness';

describeStores('TenantStateStore', (get) => {
  it('pauses and resumes', async () => {
    const { tenants } = get();
    expect(await tenants.paused('t')).toBeNull();
    await tenants.pause('t', 'token expired (190)', 5);
    expect(await tenants.paused('t')).toEqual({ reason: 'token expired (190)', at: 5 });
    expect(await tenants.resume('t')).toBe(true);
    expect(await tenants.resume('t')).toBe(false);
  });
});
