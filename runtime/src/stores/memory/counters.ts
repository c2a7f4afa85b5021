/** Analytics counters, in memory. */
import type { CounterIncrement } from '../../conversation';
import type { CounterStore } from '../interfaces';
import type { MemoryState } from './state';

export class MemoryCounterStore implements CounterStore {
  constructor(private readonly s: MemoryState) {}

  async incr(items: CounterIncrement[]): Promise<void> {
    for (const inc of items) {
      const h = this.s.counters.get(inc.key) ?? new Map<string, number>();
      h.set(inc.field, (h.get(inc.field) ?? 0) + inc.by);
      this.s.counters.set(inc.key, h);
    }
  }

  async read(key: string): Promise<Record<string, number>> {
    return Object.fromEntries(this.s.counters.get(key) ?? []);
  }
}
