/** Content hash of a flow: stable JSON (sorted keys) through the one content hash. Browser-safe, no crypto needed. */
import { contentHash as hashText } from '@parley/contract';

export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${stableStringify(record[key])}`).join(',')}}`;
}

/** Same content ⇔ same hash, whatever the key order (the compile cache keys machines with it). */
export function contentHash(value: unknown): string {
  return hashText(stableStringify(value));
}
