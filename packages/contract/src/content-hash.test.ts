import { describe, expect, it } from 'vitest';
import { contentHash, fnv1a32 } from './content-hash';

describe('hashes', () => {
  it('content hash: 28 hex digits, equal for equal text only', () => {
    expect(contentHash('abc')).toMatch(/^[0-9a-f]{28}$/);
    expect(contentHash('abc')).toBe(contentHash('abc'));
    expect(contentHash('abc')).not.toBe(contentHash('abd'));
  });

  it('keeps the values stored data depends on', () => {
    // NLU model cache keys (Redis) are content hashes: a change would retrain every model.
    expect(contentHash('')).toBe('1c4425d7d009e10791d3587ca4bf');
    // Shard placement and classifier features: the reference FNV-1a 32-bit values.
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
});
