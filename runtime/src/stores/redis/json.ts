/**
 * JSON for values the Lua scripts decode (outbox items, commit metadata). `JSON.stringify`
 * writes a lone UTF-16 surrogate as the escape `\ud800`, which Redis's cjson rejects
 * ("invalid unicode escape code"), failing the whole script. Text is repaired at ingress and
 * cut on grapheme boundaries, so this is the last line: such a string is stored with U+FFFD.
 */

/** A lone-surrogate escape as JSON.stringify writes it (lower-case hex; a literal `\\ud800` also matches: harmless, it only takes the slow path). */
const SURROGATE_ESCAPE = /\\ud[89a-f][0-9a-f]{2}/;

interface WellFormedString {
  toWellFormed(): string;
}

export function encodeJson(value: unknown): string {
  const raw = JSON.stringify(value);
  if (!SURROGATE_ESCAPE.test(raw)) return raw;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? (v as unknown as WellFormedString).toWellFormed() : v));
}
