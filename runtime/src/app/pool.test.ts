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
    name: 't', concurrency: 2, log: createLogger({ level: 'silent' }), idleMinMs: 200, idleMaxMs: 200,
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
