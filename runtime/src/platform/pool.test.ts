import { expect, it } from 'vitest';
import { createLogger } from './logger';
import { WorkPool } from './pool';

it('runs up to `concurrency` handlers at once and a wake during a claim is not lost', async () => {
  const queue = [1, 2, 3, 4, 5, 6];
  let running = 0;
  let peak = 0;
  const done: number[] = [];
  let claims = 0;
  const pool = new WorkPool<number>({
    name: 't',
    concurrency: 2,
    log: createLogger({ level: 'silent' }),
    idleMinMs: 200,
    idleMaxMs: 200,
    claim: async () => {
      claims++;
      return queue.shift() ?? null;
    },
    handle: async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      done.push(n);
      running--;
    },
  });
  pool.start();
  await new Promise((r) => setTimeout(r, 80));
  expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6]);
  expect(peak).toBe(2);
  // Now idle (sleeping 200 ms). New work plus a wake is picked up at once, not after the sleep.
  queue.push(7);
  const t0 = Date.now();
  pool.wake();
  while (!done.includes(7) && Date.now() - t0 < 1000) await new Promise((r) => setTimeout(r, 2));
  expect(Date.now() - t0).toBeLessThan(100);
  await pool.stop();
  expect(claims).toBeGreaterThan(6);
});

it('under load, claims run in parallel (up to parallelClaims) and never overfill the handler slots', async () => {
  const queue = Array.from({ length: 40 }, (_, i) => i);
  let claimsInFlight = 0;
  let peakClaims = 0;
  let running = 0;
  let peak = 0;
  const done: number[] = [];
  const pool = new WorkPool<number>({
    name: 't',
    concurrency: 6,
    parallelClaims: 3,
    log: createLogger({ level: 'silent' }),
    idleMinMs: 5,
    idleMaxMs: 5,
    // A claim is a round trip: 5 ms here.
    claim: async () => {
      claimsInFlight++;
      peakClaims = Math.max(peakClaims, claimsInFlight);
      await new Promise((r) => setTimeout(r, 5));
      claimsInFlight--;
      return queue.shift() ?? null;
    },
    handle: async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 20));
      done.push(n);
      running--;
    },
  });
  pool.start();
  while (done.length < 40) await new Promise((r) => setTimeout(r, 5));
  await pool.stop();
  expect(peakClaims).toBe(3);
  expect(peak).toBeLessThanOrEqual(6);
  expect(peak).toBeGreaterThan(3);
});
