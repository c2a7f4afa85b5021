import { expect, it } from 'vitest';
import { FailureThrottle } from './throttle';

const policy = { freeFailures: 2, lockBaseMs: 100, lockMaxMs: 350, forgetAfterMs: 10_000 };

it('locks after the free failures, doubling up to the cap, and forgets after a quiet period', () => {
  const t = new FailureThrottle(policy);
  expect(t.recordFailure('a', 0)).toBe(0);
  expect(t.recordFailure('a', 0)).toBe(0);
  expect(t.lockedFor('a', 0)).toBe(0);
  expect(t.recordFailure('a', 0)).toBe(100);
  expect(t.lockedFor('a', 40)).toBe(60);
  expect(t.recordFailure('a', 100)).toBe(200);
  expect(t.recordFailure('a', 300)).toBe(350);
  expect(t.recordFailure('a', 650)).toBe(350);
  expect(t.lockedFor('b', 650)).toBe(0);
  expect(t.lockedFor('a', 650 + 10_000)).toBe(0);
  expect(t.recordFailure('a', 650 + 10_000)).toBe(0);
});

it('keeps at most maxKeys keys, evicting the least recently failed', () => {
  const t = new FailureThrottle({ ...policy, freeFailures: 0 }, 3);
  for (const k of ['a', 'b', 'c']) t.recordFailure(k, 0);
  t.recordFailure('a', 1);
  t.recordFailure('d', 2);
  expect(t.size).toBe(3);
  expect(t.lockedFor('b', 2)).toBe(0);
  expect(t.lockedFor('a', 2)).toBeGreaterThan(0);
});
