/**
 * Parley's hashes, one implementation each. Pure and synchronous (the studio and the engine run
 * them in the browser, where the only SHA is async WebCrypto).
 *
 * - `contentHash`: the content hash — same text ⇔ same hash, for caches and change detection.
 * - `fnv1a32`: a 32-bit FNV-1a used where the hash *is* a stored layout (Redis shard placement,
 *   the NLU classifier's hashed features). Changing it would orphan stored data (sessions on the
 *   wrong shard, trained models whose features no longer match): it must stay exactly as it is.
 */

/** cyrb53 with two seeds: a 106-bit hash as 28 hex digits, enough to key content without collisions in practice. */
export function contentHash(text: string): string {
  return cyrb53(text, 1) + cyrb53(text, 2);
}

function cyrb53(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

export const FNV1A_OFFSET = 0x811c9dc5;
export const FNV1A_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units, as an unsigned 32-bit number; `seed` is xored into the offset basis. */
export function fnv1a32(text: string, seed = 0): number {
  let h = (FNV1A_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV1A_PRIME);
  return h >>> 0;
}
