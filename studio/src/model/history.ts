/**
 * Undo/redo over immutable documents. Edits with the same `coalesce` key that
 * follow each other within `coalesceMs` merge into one step, so typing a word
 * is one undo, not one per key. A drag is "transient" until it ends.
 */
export interface HistoryState<T> {
  past: T[];
  present: T;
  future: T[];
}

export interface CommitOptions {
  /** Same key + within the window → replaces the last step instead of adding one. */
  coalesce?: string;
  /** Live update during a gesture (drag): visible, but not an undo step until `checkpoint`. */
  transient?: boolean;
}

export class History<T> {
  private state: HistoryState<T>;
  private lastKey: string | undefined;
  private lastAt = 0;
  /** The present before the current transient gesture started. */
  private gestureBase: T | undefined;
  private listeners = new Set<() => void>();

  constructor(
    initial: T,
    private readonly limit = 200,
    private readonly coalesceMs = 1000,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.state = { past: [], present: initial, future: [] };
  }

  get(): HistoryState<T> {
    return this.state;
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): HistoryState<T> => this.state;

  commit(next: T, opts: CommitOptions = {}): void {
    const { present, past } = this.state;
    if (next === present) return;
    if (opts.transient) {
      if (this.gestureBase === undefined) this.gestureBase = present;
      this.set({ ...this.state, present: next });
      return;
    }
    const base = this.gestureBase ?? present;
    this.gestureBase = undefined;
    const t = this.now();
    const merge = opts.coalesce !== undefined && opts.coalesce === this.lastKey && t - this.lastAt < this.coalesceMs && past.length > 0;
    this.lastKey = opts.coalesce;
    this.lastAt = t;
    const nextPast = merge ? past : [...past, base].slice(-this.limit);
    this.set({ past: nextPast, present: next, future: [] });
  }

  /** End a transient gesture: the gesture becomes one undo step. */
  checkpoint(): void {
    if (this.gestureBase === undefined) return;
    const base = this.gestureBase;
    this.gestureBase = undefined;
    this.lastKey = undefined;
    if (base === this.state.present) return;
    this.set({ past: [...this.state.past, base].slice(-this.limit), present: this.state.present, future: [] });
  }

  undo(): boolean {
    this.checkpoint();
    const { past, present, future } = this.state;
    const prev = past[past.length - 1];
    if (prev === undefined) return false;
    this.lastKey = undefined;
    this.set({ past: past.slice(0, -1), present: prev, future: [present, ...future] });
    return true;
  }

  redo(): boolean {
    const { past, present, future } = this.state;
    const next = future[0];
    if (next === undefined) return false;
    this.lastKey = undefined;
    this.set({ past: [...past, present], present: next, future: future.slice(1) });
    return true;
  }

  /** Replace everything (load another flow / reload after a conflict). */
  reset(value: T): void {
    this.gestureBase = undefined;
    this.lastKey = undefined;
    this.set({ past: [], present: value, future: [] });
  }

  private set(s: HistoryState<T>): void {
    this.state = s;
    for (const fn of this.listeners) fn();
  }
}
