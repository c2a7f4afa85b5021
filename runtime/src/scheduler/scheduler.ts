/**
 * The scheduler role: moves due timers into their conversations' inboxes. Claiming is one
 * atomic script, so any number of processes may run it. Sleeps until the next due timer
 * (at most `maxSleepMs`, so timers created by other processes are seen promptly).
 */
import type { RuntimeContext } from '../platform/context';

const BATCH = 500;

export interface Scheduler {
  stop(): Promise<void>;
  /** Re-check now (e.g. after this process scheduled a short timer). */
  wake(): void;
}

export function startScheduler(ctx: RuntimeContext, opts: { maxSleepMs?: number; onFired?: (n: number) => void } = {}): Scheduler {
  const maxSleep = opts.maxSleepMs ?? 250;
  let running = true;
  let wakeUp: (() => void) | null = null;
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(t);
        resolve();
      };
    });
  const loop = (async () => {
    while (running) {
      try {
        const fired = await ctx.stores.timers.fireDue(ctx.now(), BATCH);
        if (fired > 0) opts.onFired?.(fired);
        if (fired === BATCH) continue;
        const next = await ctx.stores.timers.nextDue();
        const wait = next === null ? maxSleep : Math.max(1, Math.min(maxSleep, next - ctx.now()));
        await sleep(wait);
      } catch (err) {
        ctx.log.error({ err }, 'scheduler tick failed; retrying');
        await sleep(maxSleep);
      }
    }
  })();
  return {
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
    wake() {
      wakeUp?.();
    },
  };
}
