import { describe, expect, it } from 'vitest';
import { emptyLock, lockStates, readLock, serializeLock, setLockState } from './lock';

describe('lock file', () => {
  it('round-trips: serialize → parse → readLock gives the same lock', () => {
    let lock = emptyLock();
    lock = setLockState(lock, 'demo', 'cart_reminder', 'en', {
      status: 'approved',
      id: '111',
      hash: 'h1',
      quality: 'green',
      category: 'marketing',
    });
    lock = setLockState(lock, 'demo', 'cart_reminder', 'de', { status: 'pending', id: '112', hash: 'h2' });
    const { lock: read, issues } = readLock(JSON.parse(serializeLock(lock)));
    expect(issues).toEqual([]);
    expect(read).toEqual(lock);
    expect(serializeLock(read)).toBe(serializeLock(lock));
  });

  it('serializes stably: sorted keys whatever the insertion order, 2 spaces, final newline', () => {
    const a = setLockState(setLockState(emptyLock(), 't', 'b_tpl', 'en', { status: 'approved', id: '1' }), 't', 'a_tpl', 'en', {
      id: '2',
      status: 'paused',
    });
    const b = setLockState(setLockState(emptyLock(), 't', 'a_tpl', 'en', { status: 'paused', id: '2' }), 't', 'b_tpl', 'en', {
      id: '1',
      status: 'approved',
    });
    expect(serializeLock(a)).toBe(serializeLock(b));
    const text = serializeLock(a);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.indexOf('"a_tpl"')).toBeLessThan(text.indexOf('"b_tpl"'));
    expect(text).toContain('\n  "lockVersion": 1,');
    expect(text.split('\n')[1]).toBe('  "$schema": "../schemas/templates-lock.schema.json",');
    // A status change is a one-line diff.
    const changed = serializeLock(setLockState(a, 't', 'a_tpl', 'en', { id: '2', status: 'approved' }));
    const diff = changed.split('\n').filter((line, i) => line !== text.split('\n')[i]);
    expect(diff).toEqual(['          "status": "approved"']);
  });

  it('setLockState does not change its input and null removes (with empty parents)', () => {
    const one = setLockState(emptyLock(), 't', 'x', 'en', { status: 'approved' });
    const two = setLockState(one, 't', 'x', 'de', { status: 'pending' });
    expect(lockStates(one, 't', 'x')).toEqual({ en: { status: 'approved' } });
    expect(Object.keys(lockStates(two, 't', 'x'))).toEqual(['en', 'de']);
    const removed = setLockState(setLockState(two, 't', 'x', 'de', null), 't', 'x', 'en', null);
    expect(removed.tenants).toEqual({});
    expect(lockStates(removed, 'nobody', 'nothing')).toEqual({});
  });

  it('an invalid lock yields an empty lock and issues with the path', () => {
    const { lock, issues } = readLock({ lockVersion: 1, tenants: { demo: { cart: { en: { status: 'great' } } } } });
    expect(lock).toEqual(emptyLock());
    expect(issues[0]?.path).toBe('/tenants/demo/cart/en/status');
    expect(issues[0]?.message).toContain('must be one of');
    expect(readLock('nonsense').issues.length).toBeGreaterThan(0);
    expect(readLock({ lockVersion: 2, tenants: {} }).issues[0]?.message).toContain('must be 1');
  });
});
