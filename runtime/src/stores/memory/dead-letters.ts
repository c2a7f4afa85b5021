/** Dead letters, in memory. */
import type { DeadLetter, DeadLetterStore, NewDeadLetter } from '../interfaces';
import type { MemoryState } from './state';

export class MemoryDeadLetterStore implements DeadLetterStore {
  constructor(private readonly s: MemoryState) {}

  async add(letter: NewDeadLetter): Promise<string> {
    const id = `dl${this.s.nextId++}`;
    this.s.deadLetters.set(id, structuredClone({ ...letter, id }) as DeadLetter);
    return id;
  }

  async count(): Promise<number> {
    return this.s.deadLetters.size;
  }

  async list(limit: number): Promise<DeadLetter[]> {
    return [...this.s.deadLetters.values()]
      .reverse()
      .slice(0, limit)
      .map((d) => structuredClone(d));
  }

  async take(id: string): Promise<DeadLetter | null> {
    const letter = this.s.deadLetters.get(id);
    if (!letter) return null;
    this.s.deadLetters.delete(id);
    return letter;
  }
}
