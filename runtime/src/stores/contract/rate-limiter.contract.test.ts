import { expect, it } from 'vitest';
import { describeStores } from './harness';

describeStores('RateLimiter', (get) => {
  it('allows `limit` per second per bucket', async () => {
    const { rateLimiter } = get();
    const now = Math.floor(Date.now() / 1000) * 1000 + 10;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await rateLimiter.take('n1', 3, now));
    expect(results).toEqual([true, true, true, false]);
    expect(await rateLimiter.take('n2', 3, now)).toBe(true);
    expect(await rateLimiter.take('n1', 3, now + 1000)).toBe(true);
  });

  it('grants a batch only the slots left in the second', async () => {
    const { rateLimiter } = get();
    const now = Math.floor(Date.now() / 1000) * 1000 + 10;
    expect(await rateLimiter.takeUpTo('b1', 5, now, 3)).toBe(3);
    expect(await rateLimiter.takeUpTo('b1', 5, now, 3)).toBe(2);
    expect(await rateLimiter.takeUpTo('b1', 5, now, 3)).toBe(0);
    expect(await rateLimiter.take('b1', 5, now)).toBe(false);
    expect(await rateLimiter.takeUpTo('b1', 5, now + 1000, 9)).toBe(5);
  });

  it('holds a throttled bucket for a while', async () => {
    const { rateLimiter } = get();
    const now = Date.now();
    expect(await rateLimiter.heldFor('n3', now)).toBe(0);
    await rateLimiter.hold('n3', 300, now);
    expect(await rateLimiter.take('n3', 100, now)).toBe(false);
    const left = await rateLimiter.heldFor('n3', now);
    expect(left).toBeGreaterThan(200);
    expect(left).toBeLessThanOrEqual(300);
    await new Promise((r) => setTimeout(r, 320));
    expect(await rateLimiter.take('n3', 100, Date.now())).toBe(true);
  });
});
