/** Trained NLU models, in memory. */
import type { ModelStore } from '../interfaces';

export class MemoryModelStore implements ModelStore {
  private readonly models = new Map<string, string>();

  async loadAll(): Promise<Map<string, string>> {
    return new Map(this.models);
  }

  async put(key: string, value: string): Promise<void> {
    this.models.set(key, value);
  }
}
