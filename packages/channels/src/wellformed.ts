/**
 * Ingress normalization to well-formed Unicode. JSON allows lone UTF-16 surrogates
 * (`"x\ud800y"`) but nothing downstream should see one: Redis's cjson rejects them, Graph
 * may, and a phone shows garbage. The parse output is repaired once here, lone surrogates
 * becoming U+FFFD, so every consumer of `parseWebhook` gets well-formed text.
 */

/** Node ≥ 20 and current browsers have these (ES2024); the repo's lib typings stop at ES2023. */
interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

function repair(s: string): string {
  const w = s as unknown as WellFormedString;
  return w.isWellFormed() ? s : w.toWellFormed();
}

/**
 * Repairs every string (values and keys) reachable from `value`, in place, and returns it.
 * Only for the parser's own freshly built output: plain objects and arrays, no cycles.
 */
export function repairStrings<T>(value: T): T {
  return walk(value, 0) as T;
}

/** Deeper than any normalized message; a guard, since `flowReply.response` is user JSON. */
const MAX_DEPTH = 64;

function walk(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return repair(value);
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = walk(value[i], depth + 1);
    return value;
  }
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const fixed = repair(key);
    const child = walk(obj[key], depth + 1);
    if (fixed !== key) {
      delete obj[key];
      obj[fixed] = child;
    } else obj[key] = child;
  }
  return obj;
}
