import { describe, expect, it } from 'vitest';
import { extractEntities, MAX_ENTITY_CHARS } from './index';
import { MAX_MATCHES } from './matches';

// Saturday 21 November 2026, 10:00 UTC.
const now = new Date('2026-11-21T10:00:00Z');
const pick = (text: string, type: string, options = {}) =>
  extractEntities(text, { now, ...options })
    .filter((e) => e.type === type)
    .map((e) => e.value);

describe('numbers', () => {
  it('reads grouping and decimals by locale', () => {
    expect(pick('1,234.5', 'number', { locale: 'en' })).toEqual([1234.5]);
    expect(pick('1.234,5', 'number', { locale: 'de' })).toEqual([1234.5]);
    expect(pick('1,234', 'number', { locale: 'en' })).toEqual([1234]);
    expect(pick('1,234', 'number', { locale: 'es' })).toEqual([1.234]);
    expect(pick('I need 3 of them and -2.5', 'number')).toEqual([3, -2.5]);
    expect(pick('٣ قطع', 'number')).toEqual([3]);
  });
});

describe('money', () => {
  it.each([
    ['it costs $20', { amount: 20, currency: 'USD' }, 'en-US'],
    ['R$ 1.234,50', { amount: 1234.5, currency: 'BRL' }, 'pt-BR'],
    ['€5', { amount: 5, currency: 'EUR' }, 'de'],
    ['500 rupees', { amount: 500, currency: 'INR' }, 'en-IN'],
    ['20 dólares', { amount: 20, currency: 'MXN' }, 'es-MX'],
    ['100 EUR', { amount: 100, currency: 'EUR' }, 'en'],
  ])('%j', (text, value, locale) => {
    expect(pick(text, 'money', { locale })).toEqual([value]);
    expect(pick(text, 'number', { locale })).toEqual([]);
  });
});

describe('contacts', () => {
  it('finds emails, urls and phones', () => {
    const found = extractEntities('mail Ana.B@Example.com or call +1 415 555 2671, see https://parley.dev/help.', { now, locale: 'en-US' });
    expect(found.map((e) => [e.type, e.value])).toEqual([
      ['email', 'ana.b@example.com'],
      ['phone', '+14155552671'],
      ['url', 'https://parley.dev/help'],
    ]);
  });

  it('uses the locale region for national numbers', () => {
    expect(pick('meu número é (11) 98765-4321', 'phone', { locale: 'pt-BR' })).toEqual(['+5511987654321']);
  });
});

describe('dates and times', () => {
  it.each([
    ['tomorrow', '2026-11-22'],
    ['mañana', '2026-11-22'],
    ['amanhã', '2026-11-22'],
    ['demain', '2026-11-22'],
    ['übermorgen', '2026-11-23'],
    ['कल', '2026-11-22'],
    ['next friday', '2026-11-27'],
    ['el viernes', '2026-11-27'],
    ['saturday', '2026-11-21'],
    ['next saturday', '2026-11-28'],
    ['21/11', '2026-11-21'],
    ['03/01', '2027-03-01'], // bare "en" reads month first, like en-US
    ['21 de noviembre', '2026-11-21'],
    ['December 3rd, 2027', '2027-12-03'],
    ['2026-12-01', '2026-12-01'],
    ['in 3 days', '2026-11-24'],
  ])('%j → %s', (text, date) => {
    expect(pick(text, 'date')).toEqual([date]);
  });

  it('reads month-first dates in the US', () => {
    expect(pick('11/03', 'date', { locale: 'en-US' })).toEqual(['2026-11-03']);
    expect(pick('11/03', 'date', { locale: 'en-GB' })).toEqual(['2027-03-11']);
  });

  it('uses the user timezone for "today"', () => {
    const lateUtc = new Date('2026-11-21T23:30:00Z');
    expect(pick('today', 'date', { now: lateUtc, timezone: 'Asia/Kolkata' })).toEqual(['2026-11-22']);
    expect(pick('today', 'date', { now: lateUtc, timezone: 'America/Sao_Paulo' })).toEqual(['2026-11-21']);
    expect(pick('today', 'date', { now: lateUtc, timezone: 'Not/AZone' })).toEqual(['2026-11-21']);
  });

  it.each([
    ['3pm', '15:00'],
    ['at 3:30 p.m.', '15:30'],
    ['12am', '00:00'],
    ['15:45', '15:45'],
    ['15h30', '15:30'],
    ['noon', '12:00'],
    ['a las 5 de la tarde', '17:00'],
  ])('%j → %s', (text, time) => {
    expect(pick(text, 'time')).toEqual([time]);
  });

  it('does not read "por la mañana" as a date or 1.5 as one', () => {
    expect(pick('mañana por la mañana', 'date')).toEqual(['2026-11-22']);
    expect(pick('1.5', 'date')).toEqual([]);
  });
});

describe('case', () => {
  it('reads upper-case dates and times, offsets and text from the message as written', () => {
    const text = 'İSTANBUL: NEXT FRIDAY AT 5 IN THE EVENING, OR 3 P.M. IN 3 DAYS';
    const found = extractEntities(text, { now, locale: 'en-US' }).filter((e) => e.type === 'date' || e.type === 'time');
    expect(found.map((e) => [e.type, e.value, e.text])).toEqual([
      ['date', '2026-11-27', 'NEXT FRIDAY'],
      ['time', '17:00', 'AT 5 IN THE EVENING'],
      ['time', '15:00', '3 P.M.'],
      ['date', '2026-11-24', 'IN 3 DAYS'],
    ]);
    expect(found.every((e) => text.slice(e.start, e.end) === e.text)).toBe(true);
  });
});

describe('custom entities', () => {
  it('extracts flow-declared patterns, first group as value', () => {
    const customEntities = [
      { name: 'order_id', pattern: 'ORD-(\\d{5})' },
      { name: 'broken', pattern: '(' },
    ];
    const found = extractEntities('where is ord-12345?', { now, customEntities }).filter((e) => e.type === 'custom');
    expect(found).toEqual([{ type: 'custom', name: 'order_id', text: 'ord-12345', value: '12345', start: 9, end: 18 }]);
  });
});

describe('bad input', () => {
  it('returns nothing for empty or junk and caps work on huge text', () => {
    expect(extractEntities('', { now })).toEqual([]);
    expect(extractEntities('\u0000\u0001\uFFFD\uD800', { now })).toEqual([]);
    const started = performance.now();
    extractEntities('9'.repeat(100_000), { now });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reads at most MAX_MATCHES of each kind in an entity-packed message, all within the first MAX_ENTITY_CHARS', () => {
    const packed = '1,234.56 $5 ana@example.com +1 415 555 2671 tomorrow 3pm '.repeat(2000);
    const found = extractEntities(packed, { now, locale: 'en-US' });
    const kinds = new Set(found.map((e) => e.type));
    expect([...kinds].sort()).toEqual(['date', 'email', 'money', 'number', 'phone', 'time']);
    for (const kind of kinds) expect(found.filter((e) => e.type === kind).length).toBeLessThanOrEqual(MAX_MATCHES);
    expect(found.every((e) => e.end <= MAX_ENTITY_CHARS && packed.slice(e.start, e.end) === e.text)).toBe(true);
  });
});

describe('phones', () => {
  it('validates a repeated number once and finds every occurrence', () => {
    const text = 'call +1 415 555 2671, again +1 415 555 2671, or +1 415 555 2671';
    expect(pick(text, 'phone', { locale: 'en-US' })).toEqual(['+14155552671', '+14155552671', '+14155552671']);
  });

  it('stops after three distinct phone-like runs', () => {
    const text = 'try 415 555 2671, 212 555 0199, 650 253 0000 or 617 555 0123';
    expect(pick(text, 'phone', { locale: 'en-US' })).toEqual(['+14155552671', '+12125550199', '+16502530000']);
  });
});
