import { describe, expect, it } from 'vitest';
import { JsonBodyError, parseJsonBody } from './json-body';

describe('parseJsonBody', () => {
  it('limits nesting before parsing; brackets inside strings (escaped quotes too) do not count', () => {
    expect(parseJsonBody(`${'['.repeat(64)}${']'.repeat(64)}`)).toBeInstanceOf(Array);
    expect(() => parseJsonBody(`${'['.repeat(65)}${']'.repeat(65)}`)).toThrow(/deeper than 64 levels \(at character 64\)/);
    expect(parseJsonBody(`{"text":"${'[{'.repeat(500)} \\" ${'['.repeat(500)}"}`)).toMatchObject({ text: expect.stringContaining('[{') });
    expect(parseJsonBody(`[${Array.from({ length: 200 }, () => '{"a":[1]}').join(',')}]`)).toHaveLength(200);
  });

  it('answers 400 invalid_json for bad JSON and prototype keys; an empty body is undefined', () => {
    const err = (() => {
      try {
        parseJsonBody('{"a":');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(JsonBodyError);
    expect(err).toMatchObject({ statusCode: 400, code: 'invalid_json', message: expect.stringContaining('not valid JSON') });
    expect(() => parseJsonBody('{"a":{"__proto__":{"x":1}}}')).toThrow(/__proto__/);
    expect(() => parseJsonBody('{"constructor":{"prototype":{}}}')).toThrow(/constructor/);
    expect(parseJsonBody('  ')).toBeUndefined();
  });
});
