import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKeys, findJsonSyntaxError, lineColumn } from './json-syntax';
import { FLOW_LIMITS } from './limits';
import { parseFlowJson } from './parse';

describe('parseFlowJson', () => {
  it('parses valid JSON (and tolerates a byte-order mark)', () => {
    expect(parseFlowJson('{"a": [1, true, null]}')).toEqual({ ok: true, value: { a: [1, true, null] }, issues: [] });
    expect(parseFlowJson('\uFEFF{"a": 1}').value).toEqual({ a: 1 });
  });

  const cases: Array<[string, string, number, number, RegExp]> = [
    ['missing value', '{\n  "a": }', 2, 8, /Expected a value/],
    ['trailing comma in object', '{\n  "a": 1,\n}', 3, 1, /Trailing comma before '}'/],
    ['trailing comma in array', '[1,\n 2,\n]', 3, 1, /Trailing comma before '\]'/],
    ['missing comma', '{"a": 1\n "b": 2}', 2, 2, /Expected ',' or '}'/],
    ['single quotes', "{'a': 1}", 1, 2, /property name in double quotes/],
    ['single-quoted value', '{"a": \'x\'}', 1, 7, /double quotes/],
    ['unclosed string', '{"a": "abc', 1, 7, /never closed|line break/],
    ['line break in string', '{"a": "x\ny"}', 1, 9, /line break inside a string/],
    ['bad escape', '{"a": "\\q"}', 1, 8, /Invalid escape/],
    ['unclosed object', '{"a": {"b": 1}', 1, 15, /missing '}'/],
    ['garbage after document', '{"a": 1} x', 1, 10, /after the end/],
    ['missing colon', '{"a" 1}', 1, 6, /Expected ':'/],
    ['empty text', '', 1, 1, /Expected a value/],
    ['comment', '{ // note\n"a": 1}', 1, 3, /property name/],
  ];
  for (const [name, text, line, column, message] of cases) {
    it(`reports ${name} at ${line}:${column}`, () => {
      const result = parseFlowJson(text, 'flows/x.flow.json');
      expect(result.ok).toBe(false);
      expect(result.issues).toHaveLength(1);
      const [found] = result.issues;
      expect(found).toMatchObject({ severity: 'error', code: 'json-syntax', path: '', line, column });
      expect(found!.message).toMatch(message);
      expect(found!.message.startsWith(`flows/x.flow.json:${line}:${column}: `)).toBe(true);
    });
  }

  it('agrees with JSON.parse on which texts are valid', () => {
    const samples = [
      '{}',
      '[]',
      '"x"',
      '1e5',
      '-0.5',
      '{"a":{"b":[{}]}}',
      '01',
      '1.',
      '.5',
      '{"a":1,,}',
      '[1 2]',
      'tru',
      '"\\u00e9"',
      '"\\u00g9"',
    ];
    for (const text of samples) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(findJsonSyntaxError(text) === null, text).toBe(valid);
    }
  });

  it('rejects an oversized document before parsing it', () => {
    const text = ' '.repeat(FLOW_LIMITS.maxDocumentChars + 1);
    const result = parseFlowJson(text);
    expect(result.issues[0]).toMatchObject({ code: 'too-large' });
  });

  it('locates errors in deeply nested text without recursion', () => {
    const text = '['.repeat(100_000) + '}';
    const error = findJsonSyntaxError(text);
    expect(error).toMatchObject({ line: 1, column: 100_001 });
  });

  it('computes line and column from an offset', () => {
    expect(lineColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab', 0)).toEqual({ line: 1, column: 1 });
  });

  it('reports duplicate keys with their pointer and position', () => {
    const text =
      '{\n  "nodes": [\n    { "id": "a", "exits": { "next": "b" }, "exits": { "next": "c" } },\n    { "id": "b", "x": { "k": 1, "k": 2 } }\n  ]\n}';
    const result = parseFlowJson(text, 'f.json');
    expect(result.ok).toBe(false);
    expect(result.value).toBeDefined();
    expect(result.issues.map((i) => [i.code, i.path, i.line, i.column])).toEqual([
      ['json-duplicate-key', '/nodes/0/exits', 3, 44],
      ['json-duplicate-key', '/nodes/1/x/k', 4, 33],
    ]);
    expect(result.issues[0]!.message).toMatch(/^f\.json:3:44: The key "exits" appears twice/);
  });

  it('does not mistake values, escaped quotes or nested objects for duplicates', () => {
    const text = JSON.stringify({ a: 'a', b: { a: 1 }, c: [{ a: 1 }, { a: 2 }], 'd"e': '"a":', 'a/b': { '~': 1 } });
    expect(parseFlowJson(text).issues).toEqual([]);
    expect(parseFlowJson('{"a/b": 1, "a/b": 2}').issues[0]!.path).toBe('/a~1b');
  });
});

describe('findDuplicateKeys', () => {
  it('finds none in any serialized JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        expect(findDuplicateKeys(JSON.stringify(value, null, 1))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
