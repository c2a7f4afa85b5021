import { describe, expect, it } from 'vitest';
import { MIN_SENT_PER_VARIANT, twoProportionZ, verdict, wilson } from './stats';

describe('wilson', () => {
  it('matches the published 95 % interval and stays inside [0, 1] at the edges', () => {
    // 20 of 400: Wilson 95 % is 3.26 %–7.60 % (textbook value).
    const w = wilson(20, 400);
    expect(w.rate).toBe(0.05);
    expect(w.low).toBeCloseTo(0.0326, 3);
    expect(w.high).toBeCloseTo(0.076, 3);
    const none = wilson(0, 50);
    expect(none.low).toBe(0);
    expect(none.high).toBeGreaterThan(0.05);
    expect(wilson(50, 50).high).toBeCloseTo(1, 10);
    expect(wilson(0, 0)).toEqual({ rate: 0, low: 0, high: 0 });
  });
});

describe('verdict', () => {
  it('names a winner only when it beats every other variant at 95 %', () => {
    expect(twoProportionZ(60, 400, 20, 400)).toBeCloseTo(4.74, 1);
    expect(
      verdict([
        { id: 'a', successes: 20, trials: 400 },
        { id: 'b', successes: 60, trials: 400 },
      ]),
    ).toMatchObject({ kind: 'winner', id: 'b' });
    // b beats a clearly but not c: no winner, b leads.
    expect(
      verdict([
        { id: 'a', successes: 20, trials: 400 },
        { id: 'b', successes: 60, trials: 400 },
        { id: 'c', successes: 55, trials: 400 },
      ]),
    ).toEqual({ kind: 'no_clear_winner', leader: 'b' });
  });

  it('asks for more data below the minimum sends per variant, and has nothing to compare with one variant', () => {
    expect(
      verdict([
        { id: 'a', successes: 0, trials: MIN_SENT_PER_VARIANT - 1 },
        { id: 'b', successes: 20, trials: 400 },
      ]),
    ).toEqual({
      kind: 'not_enough_data',
      needed: MIN_SENT_PER_VARIANT,
    });
    expect(verdict([{ id: 'a', successes: 3, trials: 400 }])).toEqual({ kind: 'single' });
  });
});

describe('verdict on a level race', () => {
  it('names no leader when the best rates are equal', () => {
    expect(
      verdict([
        { id: 'a', successes: 0, trials: 200 },
        { id: 'b', successes: 0, trials: 200 },
      ]),
    ).toEqual({ kind: 'no_clear_winner', leader: null });
  });
});
