import { describe, expect, it } from 'vitest';
import { CsvFormatError, parseLabelledCsv } from './csv';
import { computeMetrics, macroF1, precisionAtCoverage, type ScoredPrediction } from './metrics';

const p = (expected: string, best: string, confidence: number, accepted: string | null = best): ScoredPrediction => ({
  expected,
  best,
  accepted,
  confidence,
});

describe('metrics', () => {
  const predictions = [p('a', 'a', 0.9), p('a', 'b', 0.8), p('b', 'b', 0.7), p('b', 'b', 0.2, null)];

  it('computes accuracy, precision at coverage and accepted share', () => {
    const m = computeMetrics(predictions);
    expect(m.accuracy).toBe(0.75);
    expect(m.precisionAtCoverage['50']).toBe(0.5);
    expect(precisionAtCoverage(predictions, 0.25)).toBe(1);
    expect(m.acceptedShare).toBe(0.75);
    expect(m.acceptedPrecision).toBeCloseTo(2 / 3);
  });

  it('computes macro-F1 over the expected labels', () => {
    // a: P 1, R 0.5 → F1 2/3; b: P 2/3, R 1 → F1 0.8
    expect(macroF1(predictions)).toBeCloseTo((2 / 3 + 0.8) / 2);
  });
});

describe('CSV', () => {
  it('reads RFC 4180 quoting', () => {
    const rows = parseLabelledCsv('text,intent\n"hello, ""friend""",greet\n"two\nlines",multi\n');
    expect(rows).toEqual([
      { text: 'hello, "friend"', intent: 'greet' },
      { text: 'two\nlines', intent: 'multi' },
    ]);
  });

  it('names the file and row in errors', () => {
    expect(() => parseLabelledCsv('text,label\nhi,x\n', 'a.csv')).toThrow(
      new CsvFormatError('a.csv: header must contain "text" and "intent" columns, found: text, label'),
    );
    expect(() => parseLabelledCsv('text,intent\nhi,\n', 'b.csv')).toThrow('b.csv: row 2: empty intent');
    expect(() => parseLabelledCsv('text,intent\n"unclosed,x\n', 'c.csv')).toThrow(/c\.csv: not valid CSV/);
    expect(parseLabelledCsv('text\nhello\n', 'oos.csv', { requireIntent: false })).toEqual([{ text: 'hello', intent: '' }]);
  });
});
