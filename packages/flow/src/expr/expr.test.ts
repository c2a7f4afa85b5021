import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate';
import { parseExpression } from './parser';
import { parseTemplate, referencedVariables, renderTemplate } from './template';

const scope = { n: 4, s: 'Text', list: [1, 2, 3], obj: { a: { b: 'deep' } }, empty: '', zero: 0 };
const value = (source: string, vars: Record<string, unknown> = scope) => {
  const result = evaluate(source, vars, { now: Date.UTC(2026, 2, 1, 10), timezone: 'UTC' });
  expect(result.error, `${source}: ${result.error?.message}`).toBeUndefined();
  return result.value;
};
const error = (source: string, vars: Record<string, unknown> = scope) => evaluate(source, vars).error?.message;

describe('evaluate', () => {
  it.each([
    ['1 + 2 * 3 - 4 / 2', 5],
    ['(1 + 2) * 3', 9],
    ['-n + 10 % 3', -3],
    ['n == 4 and s == "Text"', true],
    ['n = 4', true],
    ['n != 4 or not true', false],
    ['!(n > 3) || n <= 4', true],
    ['"a" + 1 + 2', 'a12'],
    ['1 + 2 + "a"', '3a'],
    ['"2" * "3"', 6],
    ["'it\\'s' + \"\\n\"", "it's\n"],
    ['list[0] + list[-1] + len(list)', 7],
    ['obj.a.b + obj["a"].b', 'deepdeep'],
    ['list.1', 2],
    ['missing.deeper[3].x', null],
    ['[1, "two", [3]]', [1, 'two', [3]]],
    ['empty or "fallback"', true],
    ['zero', 0],
    ['1e3 + .5', 1000.5],
    ['money(n * 10, "eur")', { amount: 40, currency: 'EUR' }],
  ])('%s → %j', (source, expected) => {
    expect(value(source)).toEqual(expected);
  });

  it('short-circuits and/or and evaluates only the chosen if() branch', () => {
    expect(value('false and 1 / 0')).toBe(false);
    expect(value('true or 1 / 0')).toBe(true);
    expect(value('if(n > 3, "big", 1 / 0)')).toBe('big');
    expect(value('if(n > 30, "big")')).toBeNull();
  });

  it('does not reach prototypes or host internals', () => {
    expect(value('constructor')).toBeNull();
    expect(value('obj.constructor')).toBeNull();
    expect(value('obj.__proto__')).toBeNull();
    expect(value('s.length')).toBe(4);
    expect(value('list["length"]')).toBe(3);
    expect(value('toString')).toBeNull();
  });

  it('money() refuses what is not an ISO 4217 code or a number', () => {
    expect(error('money(1, "euro")')).toMatch(/ISO 4217/);
    expect(error('money("x", "EUR")')).toMatch(/^money\(\)/);
  });

  it('reports precise errors as values', () => {
    expect(error('1 +')).toBe('expression ends early at 3');
    expect(error('')).toBe('expression is empty');
    expect(error('a b')).toBe("unexpected 'b' at 2");
    expect(error('"open')).toBe('unterminated string starting at 0');
    expect(error('1 # 2')).toBe("unexpected character '#' at 2");
    expect(error('upper()')).toBe('upper() takes 1 argument(s), got 0');
    expect(error('round(1, 2, 3)')).toBe('round() takes 1 to 2 argument(s), got 3');
    expect(error('s - 1')).toBe('\'-\' expects a number, got text "Text"');
    expect(error('list < 3')).toBe('cannot compare a list with number 3');
    expect(error('list[obj]')).toBe('an index must be a number or text, got an object');
    expect(error('format_date("soon")')).toBe('expected a date such as "2026-03-01", got "soon"');
    expect(error('format_number(1, 2, "xx-invalid-locale-!!")')).toMatch(/^format_number\(\): /);
    expect(error('date_add("2026-01-01", 1, "fortnights")')).toMatch(/unit must be/);
    expect(error('1e400')).toBe("number '1e400' is out of range");
  });

  it('uses the supplied clock and time zone for now() and today()', () => {
    const at = Date.UTC(2026, 2, 1, 23, 30);
    expect(evaluate('today()', {}, { now: at, timezone: 'Asia/Tokyo' }).value).toBe('2026-03-02');
    expect(evaluate('today()', {}, { now: at, timezone: 'America/New_York' }).value).toBe('2026-03-01');
    expect(evaluate('now()', {}, { now: at }).value).toBe('2026-03-01T23:30:00.000Z');
    expect(evaluate('today()', {}, { now: at, timezone: 'Not/AZone' }).error?.message).toMatch(/^today\(\): /);
  });

  it('enforces the limits', () => {
    expect(error('x'.repeat(2001))).toMatch(/limit is 2000/);
    expect(error('('.repeat(40) + '1' + ')'.repeat(40))).toMatch(/nested deeper than 32/);
    expect(error('-'.repeat(40) + '1')).toMatch(/nested deeper than 32/);
    expect(evaluate('s + s', { s: 'x'.repeat(5000) }).error?.message).toMatch(/longer than the limit of 8192/);
    expect(evaluate('upper(s)', { s: 'x'.repeat(9000) }).error?.message).toMatch(/longer than the limit/);
    const wide = Array.from({ length: 300 }, () => 'len(list)').join(' + ');
    expect(evaluate(wide, scope, { limits: { maxSteps: 500, maxSourceLength: 10_000 } }).error?.message).toMatch(/budget of 500 steps/);
    expect(evaluate(wide, scope, { limits: { maxSourceLength: 10_000 } }).value).toBe(900);
  });

  it('accepts a parsed tree', () => {
    const parsed = parseExpression('n * 2');
    expect(parsed.ast && evaluate(parsed.ast, { n: 21 }).value).toBe(42);
  });
});

describe('templates', () => {
  it('renders text and expressions, lists and nothing', () => {
    expect(renderTemplate('a{{n}}b{{ list }}c{{missing}}d', scope)).toEqual({ text: 'a4b1, 2, 3cd', errors: [] });
    expect(renderTemplate('plain', scope)).toEqual({ text: 'plain', errors: [] });
    expect(renderTemplate('', scope)).toEqual({ text: '', errors: [] });
    expect(renderTemplate('{{ 0.1 + 0.2 }}', scope).text).toBe('0.3');
  });

  it('reports errors with their position in the template and keeps the rest', () => {
    const result = renderTemplate('ok {{ 1 + }} and {{ n }} {{ oops', scope);
    expect(result.text).toBe('ok  and 4 ');
    expect(result.errors).toEqual([
      { message: 'expression ends early at 5', pos: 5 + 5 },
      { message: "'{{' at 25 has no closing '}}'", pos: 25 },
    ]);
  });

  it('parses once per source', () => {
    expect(parseTemplate('x {{n}}')).toBe(parseTemplate('x {{n}}'));
  });

  it('lists referenced variable paths', () => {
    expect(referencedVariables('{{ cart.total * 2 }} {{ items[i].name }} {{ upper(contact.name) }} {{ "lit" }}')).toEqual([
      'cart.total',
      'contact.name',
      'i',
      'items',
    ]);
    expect(referencedVariables('a and b.c', { expression: true })).toEqual(['a', 'b.c']);
    expect(referencedVariables('{{ broken( }}')).toEqual([]);
  });
});
