/**
 * Validation must never throw, never hang, and always answer with well-formed
 * issues, whatever it is given: random JSON, valid flows with random parts
 * replaced, random JSON text, deep nesting.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ValidationIssue } from './issue';
import { parseFlowJson } from './parse';
import { validateFlow } from './validate-flow';

const valid = JSON.parse(readFileSync(new URL('./fixtures/valid/all-node-types.flow.json', import.meta.url), 'utf8')) as unknown;
const SEVERITIES = ['error', 'warning'];

function assertWellFormed(issues: ValidationIssue[]): void {
  for (const found of issues) {
    expect(SEVERITIES).toContain(found.severity);
    expect(found.code).toMatch(/^[a-z][a-z0-9-]+$/);
    expect(found.message.length).toBeGreaterThan(10);
    expect(found.path === '' || found.path.startsWith('/')).toBe(true);
    expect(found.code).not.toBe('internal-error');
  }
}

function timed<T>(fn: () => T, limitMs: number): T {
  const started = performance.now();
  const result = fn();
  expect(performance.now() - started).toBeLessThan(limitMs);
  return result;
}

/** Every JSON pointer into a document (objects and arrays), to pick mutation targets. */
function pointers(value: unknown, path: string[] = [], out: string[][] = []): string[][] {
  out.push(path);
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) pointers(child, [...path, key], out);
  }
  return out;
}

function setAt(root: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string, unknown>;
  let parent: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  parent[path[path.length - 1]!] = replacement;
  return copy;
}

function deleteAt(root: unknown, path: string[]): unknown {
  if (path.length === 0) return undefined;
  const copy = structuredClone(root) as Record<string, unknown>;
  let parent: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return copy;
}

const allPointers = pointers(valid);
const interesting = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('', 'next', 'welcome', 'bye', '{{', '{{ nope }}', '{{ 1 + }}', '(a+)+', 'message', 'ask', 'zz', 'x'.repeat(5000)),
  fc.integer(),
);

/**
 * A hang detector, not a benchmark: generous because the machine is shared.
 * (Validation takes ~2 ms for a small flow; see validate.bench.ts for numbers.)
 */
const HANG_MS = 3_000;

describe('validateFlow fuzz', () => {
  // The first call compiles the schemas; keep that out of the per-case bound.
  beforeAll(() => {
    validateFlow(valid);
  });

  it('never throws on random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const result = timed(() => validateFlow(value), HANG_MS);
        expect(result.ok).toBe(false);
        assertWellFormed(result.issues);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on flows with one part replaced or removed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allPointers), interesting, fc.boolean(), (path, replacement, remove) => {
        const mutated = remove ? deleteAt(valid, path) : setAt(valid, path, replacement);
        const result = timed(() => validateFlow(mutated, { knownFlows: () => true }), HANG_MS);
        assertWellFormed(result.issues);
        if (!result.ok) expect(result.issues.some((i) => i.severity === 'error')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on flows with several parts replaced', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...allPointers), interesting), { minLength: 2, maxLength: 6 }), (edits) => {
        let mutated: unknown = valid;
        for (const [path, replacement] of edits) {
          try {
            mutated = setAt(mutated, path, replacement);
          } catch {
            // an earlier edit removed the parent of this path: skip it
          }
        }
        assertWellFormed(timed(() => validateFlow(mutated), HANG_MS).issues);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on random JSON text', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc
        .tuple(
          fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
          fc.nat(),
          fc.string({ maxLength: 3 }),
        )
        .map(([s, at, junk]) => {
          const i = s.length === 0 ? 0 : at % s.length;
          return s.slice(0, i) + junk + s.slice(i + 1);
        }),
    );
    fc.assert(
      fc.property(text, (source) => {
        const parsed = parseFlowJson(source, 'fuzz.json');
        if (!parsed.ok) {
          // a splice can also make a valid document with a repeated key, which is its own precise error
          expect(['json-syntax', 'json-duplicate-key']).toContain(parsed.issues[0]!.code);
          expect(parsed.issues[0]!.line).toBeGreaterThanOrEqual(1);
          return;
        }
        assertWellFormed(validateFlow(parsed.value).issues);
      }),
      { numRuns: 500 },
    );
  });

  it('answers quickly on deep nesting anywhere', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allPointers), fc.integer({ min: 30, max: 5_000 }), (path, depth) => {
        let deep: unknown = 1;
        for (let i = 0; i < depth; i++) deep = i % 2 ? [deep] : { d: deep };
        const result = timed(() => validateFlow(setAt(valid, path, deep)), HANG_MS);
        assertWellFormed(result.issues);
      }),
      { numRuns: 50 },
    );
  });
});

describe('names that collide with Object.prototype', () => {
  it('are treated as plain names everywhere', () => {
    const flow = structuredClone(valid) as {
      variables: Record<string, unknown>;
      triggers: Array<Record<string, unknown>>;
      nodes: Array<Record<string, unknown>>;
    };
    flow.triggers.push({ type: 'event', event: 'x', params: { constructor: 'string', toString: 'number' } });
    flow.nodes[0]!.text = { en: 'Hi {{constructor}} {{hasOwnProperty}}', es: 'Hola' };
    const result = validateFlow(
      JSON.parse(JSON.stringify(flow).replace('"params":{"constructor"', '"params":{"__proto__":"string","constructor"')),
    );
    assertWellFormed(result.issues);
    const codes = result.issues.map((i) => `${i.code} ${i.path}`);
    expect(codes).toContain('trigger-param-undeclared /triggers/3/params/constructor');
    expect(codes).toContain('trigger-param-undeclared /triggers/3/params/toString');
    expect(codes).toContain('undeclared-variable /nodes/0/text/en');
  });
});
