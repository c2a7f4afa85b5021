/**
 * Claimers and handlers: a loop claims work while a handler slot is free and runs the handler
 * concurrently. When nothing is claimable it sleeps with a growing back-off (up to
 * `idleMaxMs`), cut short by `wake()` — called when this process itself queued work.
 * Idle, one claim query runs at a time, so idle processes cost Redis little; under load each
 * successful claim may start a helper claimer (up to `parallelClaims` in flight), which stops at
 * its first empty claim: a claim is a round trip, and one at a time would cap the pool at one
 * conversation per round trip however many handler slots are free.
 */
import type { Logger } from 'pino';

export interface WorkPoolOptions<C> {
  name: string;
  concurrency: number;
  claim: () => Promise<C | null>;
  handle: (claim: C) => Promise<void>;
  log: Logger;
  idleMinMs?: number;
  idleMaxMs?: number;
  /** Claims in flight at most under load (default 4). */
  parallelClaims?: number;
}

export class WorkPool<C> {
  private running = false;
  private active = new Set<Promise<void>>();
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private loop: Promise<void> | null = null;
  private helpers = new Set<Promise<void>>();
  /** Claims in flight: a claim may fill a slot, so slots are counted with them. */
  private claiming = 0;

  constructor(private readonly opts: WorkPoolOptions<C>) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming and waits for the handlers in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.helpers]);
    await Promise.allSettled([...this.active]);
  }

  wake(): void {
    const fn = this.wakeUp;
    this.wakeUp = null;
    // Not sleeping (a claim is in flight): remember it, so the next sleep is skipped.
    if (fn) fn();
    else this.woken = true;
  }

  get busy(): number {
    return this.active.size;
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    const min = this.opts.idleMinMs ?? 1;
    const max = this.opts.idleMaxMs ?? 50;
    let idle = min;
    while (this.running) {
      if (this.active.size + this.claiming >= this.opts.concurrency) {
        await Promise.race([...this.active, ...this.helpers]);
        continue;
      }
      let claim: C | null = null;
      try {
        claim = await this.claimOne();
      } catch (err) {
        this.opts.log.error({ err, pool: this.opts.name }, 'claim failed; retrying');
        await this.sleep(max);
        continue;
      }
      if (claim === null) {
        const wasWoken = this.woken;
        await this.sleep(idle);
        if (wasWoken) continue;
        idle = Math.min(max, idle * 2);
        continue;
      }
      idle = min;
      this.dispatch(claim);
      if (this.helpers.size + 1 < (this.opts.parallelClaims ?? 4)) {
        const helper = this.help().finally(() => this.helpers.delete(helper));
        this.helpers.add(helper);
      }
    }
  }

  private async claimOne(): Promise<C | null> {
    this.claiming++;
    try {
      return await this.opts.claim();
    } finally {
      this.claiming--;
    }
  }

  private dispatch(claim: C): void {
    const task = this.opts
      .handle(claim)
      .catch((err: unknown) => this.opts.log.error({ err, pool: this.opts.name }, 'handler failed'))
      .finally(() => this.active.delete(task));
    this.active.add(task);
  }

  /** A helper claimer: claims while there is work and a free slot, and stops at the first miss. */
  private async help(): Promise<void> {
    while (this.running && this.active.size + this.claiming < this.opts.concurrency) {
      let claim: C | null;
      try {
        claim = await this.claimOne();
      } catch {
        return; // the main loop reports and backs off
      }
      if (claim === null) return;
      this.dispatch(claim);
    }
  }
}
