import { expect, it } from 'vitest';
import { describeStores } from './harness';

describeStores('FlowVersionStore', (get) => {
  it('numbers immutable versions and lists newest first', async () => {
    const { flowVersions } = get();
    const rec = { flowId: 'f', publishedAt: 1, publishedBy: 'a', summary: 's', revision: 3, hash: 'h', flow: { id: 'f', vars: {} } };
    expect(await flowVersions.publish(rec)).toEqual({ version: 1, created: true });
    expect(await flowVersions.publish({ ...rec, summary: 'same content' })).toEqual({ version: 1, created: false });
    expect(await flowVersions.publish({ ...rec, summary: 'forced' }, { force: true })).toEqual({ version: 2, created: true });
    expect(await flowVersions.publish({ ...rec, hash: 'h2', summary: 'second', flow: { id: 'f', n: 2 } })).toEqual({ version: 3, created: true });
    expect(await flowVersions.get('f', 1)).toMatchObject({ version: 1, flow: { id: 'f', vars: {} } });
    expect((await flowVersions.latest('f'))?.summary).toBe('second');
    expect((await flowVersions.list('f')).map((v) => v.version)).toEqual([3, 2, 1]);
    expect(await flowVersions.latest('nope')).toBeNull();
    expect(await flowVersions.get('f', 9)).toBeNull();
  });
});

describeStores('CounterStore', (get) => {
  it('adds increments', async () => {
    const { counters } = get();
    await counters.incr([{ key: 'k', field: 'a', by: 2 }, { key: 'k', field: 'b', by: 1 }]);
    await counters.incr([{ key: 'k', field: 'a', by: 3 }]);
    expect(await counters.read('k')).toEqual({ a: 5, b: 1 });
    expect(await counters.read('none')).toEqual({});
  });
});

describeStores('DeadLetterStore', (get) => {
  it('lists newest first and takes a letter once', async () => {
    const { deadLetters } = get();
    const item = { key: 'k', nodeId: 'n', lane: 0 as const, message: { kind: 'text' as const, text: 'x' }, attempts: 5, createdAt: 1 };
    const a = await deadLetters.add({ conv: 'c', item, reason: 'permanent', code: 131026, at: 1 });
    const b = await deadLetters.add({ conv: 'c', item, reason: 'later', at: 2 });
    expect((await deadLetters.list(10)).map((d) => d.id)).toEqual([b, a]);
    expect((await deadLetters.take(a))?.code).toBe(131026);
    expect(await deadLetters.take(a)).toBeNull();
    expect((await deadLetters.list(10)).map((d) => d.id)).toEqual([b]);
  });
});

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

describeStores('MessageStateStore', (get) => {
  it('stores and returns message states', async () => {
    const { messages } = get();
    await messages.set('wamid.1', { conv: 'c', key: 'k', state: 'sent', updatedAt: 1 }, 60);
    expect(await messages.get('c', 'wamid.1')).toEqual({ conv: 'c', key: 'k', state: 'sent', updatedAt: 1 });
    expect(await messages.get('c', 'wamid.2')).toBeNull();
  });
});

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

describeStores('ModelStore', (get) => {
  it('keeps serialized models by key', async () => {
    const { models } = get();
    expect((await models.loadAll()).size).toBe(0);
    await models.put('v1:abc', '{"w":[1,2]}');
    await models.put('v1:def', 'x');
    expect(await models.loadAll()).toEqual(new Map([['v1:abc', '{"w":[1,2]}'], ['v1:def', 'x']]));
  });
});
