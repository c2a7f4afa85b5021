/**
 * Request-body JSON, parsed safely: nesting is limited BEFORE JSON.parse, because a body like
 * 20,000 nested arrays parses fine but then overflows the stack in whatever walks it
 * (validation, JSON.stringify, structuredClone) — a 500 instead of a 400. Prototype-poisoning
 * keys are refused like Fastify's own parser does. Used for every JSON route and, after the
 * signature check over the raw bytes, for webhooks.
 */

/** Deeper than any flow, layout, test or Meta webhook (they nest about 10 levels). */
const MAX_JSON_DEPTH = 64;

export class JsonBodyError extends Error {
  readonly statusCode = 400;
  readonly code = 'invalid_json';
}

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/** At most `limit` opening brackets (counted inside strings too): nothing can nest deeper. */
function opensAtMost(text: string, limit: number): boolean {
  let count = 0;
  for (const open of ['{', '[']) {
    for (let i = text.indexOf(open); i !== -1; i = text.indexOf(open, i + 1)) if (++count > limit) return false;
  }
  return true;
}

/** Throws JsonBodyError when objects/arrays nest deeper than `maxDepth` (strings are skipped). */
function checkJsonDepth(text: string, maxDepth = MAX_JSON_DEPTH): void {
  // A webhook has a few dozen brackets: counting them (native indexOf) skips the scan below.
  if (opensAtMost(text, maxDepth)) return;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth++;
      if (depth > maxDepth)
        throw new JsonBodyError(`JSON nests deeper than ${maxDepth} levels (at character ${i}); flows, tests and webhooks never do`);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
}

function refusePoisoning(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new JsonBodyError('JSON key "__proto__" is not allowed');
  if (key === 'constructor' && typeof value === 'object' && value !== null && Object.hasOwn(value, 'prototype')) {
    throw new JsonBodyError('JSON key "constructor" with a "prototype" is not allowed');
  }
  return value;
}

/** Parses a JSON body: an empty body is `undefined`; bad or too deep JSON throws JsonBodyError (400 invalid_json). */
export function parseJsonBody(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (text.trim() === '') return undefined;
  checkJsonDepth(text, maxDepth);
  try {
    // A reviver makes JSON.parse several times slower; only a body naming the keys needs it
    // (the same shortcut Fastify's secure-json-parse takes).
    return (text.includes('__proto__') || text.includes('constructor') ? JSON.parse(text, refusePoisoning) : JSON.parse(text)) as unknown;
  } catch (err) {
    if (err instanceof JsonBodyError) throw err;
    throw new JsonBodyError(`body is not valid JSON: ${(err as Error).message}`);
  }
}
