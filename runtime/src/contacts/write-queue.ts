/**
 * A small in-process queue for record writes the worker makes after its commit: rows are
 * collected and written together every `intervalMs` or every `maxRows`, so the worker never
 * waits on PostgreSQL and one statement carries many messages. A failed write is logged and
 * counted, never thrown: the conversation has moved on, and the next message refreshes the row.
 */
import type { Logger } from 'pino';

export interface WriteQueueOptions<T> {
  /** For the log lines. */
  name: string;
  write: (batch: T[]) => Promise<void>;
  log: Logger;
  intervalMs?: number;
  maxRows?: number;
  /** Rows kept while writes fail or lag; beyond it the oldest are dropped (and counted). */
  maxPending?: number;
}

export class WriteQueue<T> {
  private pending: T[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();
  /** Rows whose write failed or that were dropped for lack of room. */
  failedRows = 0;
  writtenRows = 0;
  private readonly intervalMs: number;
  private readonly maxRows: number;
  private readonly maxPending: number;

  constructor(private readonly opts: WriteQueueOptions<T>) {
    this.intervalMs = opts.intervalMs ?? 200;
    this.maxRows = opts.maxRows ?? 500;
    this.maxPending = opts.maxPending ?? 50_000;
  }

  push(row: T): void {
    this.pending.push(row);
    if (this.pending.length > this.maxPending) {
      const dropped = this.pending.length - this.maxPending;
      this.pending.splice(0, dropped);
      this.failedRows += dropped;
      this.opts.log.warn({ queue: this.opts.name, dropped }, 'record writes are lagging: oldest pending rows dropped');
    }
    if (this.pending.length >= this.maxRows) void this.flush();
    else this.timer ??= unref(setTimeout(() => void this.flush(), this.intervalMs));
  }

  /** Writes what is pending (after the writes already started); resolves when it is written or has failed. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    // One write at a time, in order: a later update of a row never lands before an earlier one.
    this.writing = this.writing.then(async () => {
      for (let i = 0; i < batch.length; i += this.maxRows) {
        const slice = batch.slice(i, i + this.maxRows);
        try {
          await this.opts.write(slice);
          this.writtenRows += slice.length;
        } catch (err) {
          this.failedRows += slice.length;
          this.opts.log.error({ err, queue: this.opts.name, rows: slice.length }, 'record write failed (the rows are dropped)');
        }
      }
    });
    return this.writing;
  }
}

function unref<T extends ReturnType<typeof setTimeout>>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
