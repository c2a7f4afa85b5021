/**
 * Defensive readers over untrusted JSON. Webhook bodies come from the network:
 * every access goes through these so a wrong type becomes a precise error with
 * a JSON path instead of a TypeError.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `$.entry[0].changes[1]` style path segments. */
export function childPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/** A non-empty string, or undefined. Numbers are accepted as ids because some Meta fields flip between the two. */
export function optString(obj: JsonObject, key: string): string | undefined {
  const v = obj[key];
  if (typeof v === 'string') return v.length > 0 ? v : undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function optNumber(obj: JsonObject, key: string): number | undefined {
  const v = obj[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function optObject(obj: JsonObject, key: string): JsonObject | undefined {
  const v = obj[key];
  return isObject(v) ? v : undefined;
}

export function optArray(obj: JsonObject, key: string): unknown[] | undefined {
  const v = obj[key];
  return Array.isArray(v) ? v : undefined;
}

/** Thrown only inside a parser's per-item scope and turned into an `errors[]` entry; never escapes the package. */
export class ShapeError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export function reqString(obj: JsonObject, key: string, path: string): string {
  const v = optString(obj, key);
  if (v === undefined) throw new ShapeError(childPath(path, key), `expected a non-empty string, got ${describe(obj[key])}`);
  return v;
}

export function reqObject(obj: JsonObject, key: string, path: string): JsonObject {
  const v = optObject(obj, key);
  if (v === undefined) throw new ShapeError(childPath(path, key), `expected an object, got ${describe(obj[key])}`);
  return v;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  return `a ${typeof value}`;
}

/**
 * A copy without the keys whose value is undefined, so normalized objects stay
 * minimal and schema-clean. Copies rather than `delete`s: deleting keys turns
 * V8 objects into slow dictionaries.
 */
export function compact<T extends object>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const key in obj) {
    const value = obj[key];
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}
