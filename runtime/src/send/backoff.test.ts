import { expect, it } from 'vitest';
import { backoffDelay } from './backoff';

it('grows exponentially, jitters within [ceiling/2, ceiling] and caps', () => {
  expect(backoffDelay(1, 100, 10_000, () => 0)).toBe(50);
  expect(backoffDelay(1, 100, 10_000, () => 1)).toBe(100);
  expect(backoffDelay(4, 100, 10_000, () => 1)).toBe(800);
  expect(backoffDelay(30, 100, 10_000, () => 1)).toBe(10_000);
  const samples = new Set(Array.from({ length: 50 }, () => backoffDelay(3, 100, 10_000)));
  expect(samples.size).toBeGreaterThan(5);
  for (const s of samples) expect(s).toBeGreaterThanOrEqual(200);
});
