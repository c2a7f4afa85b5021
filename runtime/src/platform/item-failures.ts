/**
 * Counts how often processing one queue item (an inbox item, an outbox message) failed with
 * an exception, so a poison item is dead-lettered after `reliability.maxItemFailures` instead
 * of blocking its conversation for good. Kept per process: a conversation that moves to
 * another process starts counting again there, at worst N failures per process.
 */
export class ItemFailures {
  private readonly counts = new Map<string, number>();

  /** Entries kept at most; beyond that the map starts over (a bound, never reached in practice). */
  constructor(private readonly maxEntries = 10_000) {}

  /** One more failure of `key`; returns the count so far. */
  add(key: string): number {
    if (this.counts.size >= this.maxEntries) this.counts.clear();
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n;
  }

  clear(key: string): void {
    this.counts.delete(key);
  }
}

/** One line for a log or a dead letter: the error's message, never a stack. */
export function errorReason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
