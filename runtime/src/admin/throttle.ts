/**
 * Failed-credential throttle: each key (a client address, an account) gets a few free failures,
 * then every further failure locks it for an exponentially growing time (base × 2^n, capped).
 * While a key is locked its requests are refused before any credential is checked, so a guesser
 * learns nothing from them. Failures are forgotten after `forgetAfterMs` without one.
 *
 * In-process memory, bounded: a flood of distinct keys (many addresses) evicts the least
 * recently failed ones instead of growing without end. Each runtime process keeps its own
 * counts (see docs/operations.md, "Sign-in throttling").
 */

export interface ThrottlePolicy {
  /** Failures allowed before the first lock. */
  freeFailures: number;
  /** First lock; each further failure doubles it. */
  lockBaseMs: number;
  lockMaxMs: number;
  /** A key with no failure for this long starts over. */
  forgetAfterMs: number;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

const MAX_TRACKED_KEYS = 10_000;

export class FailureThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: ThrottlePolicy,
    private readonly maxKeys = MAX_TRACKED_KEYS,
  ) {}

  /** Milliseconds until this key may try again (0: not locked). */
  lockedFor(key: string, now: number): number {
    const entry = this.current(key, now);
    return entry ? Math.max(0, entry.lockedUntil - now) : 0;
  }

  /** Records one failure; returns the lock it started (0 while failures are still free). */
  recordFailure(key: string, now: number): number {
    const entry = this.current(key, now) ?? { failures: 0, lastFailureAt: now, lockedUntil: 0 };
    entry.failures += 1;
    entry.lastFailureAt = now;
    const over = entry.failures - this.policy.freeFailures;
    // 2^over is capped before it can overflow: 40 doublings are far past any sane lockMaxMs.
    const lockMs = over > 0 ? Math.min(this.policy.lockMaxMs, this.policy.lockBaseMs * 2 ** Math.min(over - 1, 40)) : 0;
    if (lockMs > 0) entry.lockedUntil = now + lockMs;
    // Re-insert so the Map's order is least recently failed first (eviction order).
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value as string);
    return lockMs;
  }

  clear(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private current(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastFailureAt >= this.policy.forgetAfterMs && now >= entry.lockedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
