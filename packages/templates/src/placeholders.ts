/**
 * `{{name}}` placeholders in template text. One scanner for the validator (which names, where),
 * the renderer (precompiled into segments) and the Graph format (named examples).
 */

export type PlaceholderToken =
  | { kind: 'text'; text: string; start: number }
  /** `raw` is what stood between the braces, trimmed; `name` equals it (validity is the validator's concern). */
  | { kind: 'param'; name: string; raw: string; start: number; end: number };

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** Splits a text into literal runs and `{{…}}` placeholders, in order. Never throws. */
export function placeholders(text: string): PlaceholderToken[] {
  const tokens: PlaceholderToken[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const start = match.index;
    if (start > last) tokens.push({ kind: 'text', text: text.slice(last, start), start: last });
    const raw = match[1]!.trim();
    tokens.push({ kind: 'param', name: raw, raw, start, end: start + match[0].length });
    last = start + match[0].length;
  }
  if (last < text.length) tokens.push({ kind: 'text', text: text.slice(last), start: last });
  return tokens;
}
