/**
 * Visits the shards from a rotating start until one has work, so every shard is served in
 * turn (a busy shard cannot starve the others) and an idle process costs one call per shard.
 */
export class ShardCursor {
  private start = 0;

  constructor(private readonly shards: number) {}

  async first<T>(tryShard: (shard: number) => Promise<T | null>, only?: (shard: number) => boolean): Promise<T | null> {
    const from = this.start;
    this.start = (this.start + 1) % this.shards;
    for (let i = 0; i < this.shards; i++) {
      const shard = (from + i) % this.shards;
      if (only && !only(shard)) continue;
      const found = await tryShard(shard);
      if (found !== null) return found;
    }
    return null;
  }
}
