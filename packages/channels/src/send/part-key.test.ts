import { describe, expect, it } from 'vitest';
import { WHATSAPP } from './limits';
import { parsePartKey, partKey } from './part-key';

describe('split-message part keys', () => {
  it('keeps the first part as the key and numbers the others', () => {
    expect([0, 1, 2].map((n) => partKey('sess:3:0', n))).toEqual(['sess:3:0', 'sess:3:0#1', 'sess:3:0#2']);
  });

  it('round-trips', () => {
    for (const [key, part] of [
      ['sess:3:0', 0],
      ['sess:3:0', 1],
      ['a#b', 12],
      ['ends#0', 0],
    ] as const) {
      expect(parsePartKey(partKey(key, part))).toEqual({ key, part });
    }
  });

  it('stays within the callback data limit', () => {
    expect(partKey('k'.repeat(600), 3)).toHaveLength(WHATSAPP.bizOpaque);
    expect(parsePartKey(partKey('k'.repeat(600), 3)).part).toBe(3);
  });
});
