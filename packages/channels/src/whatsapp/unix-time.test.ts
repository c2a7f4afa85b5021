import { describe, expect, it } from 'vitest';
import { unixSecondsToMs } from './message';

describe('unixSecondsToMs', () => {
  it('reads seconds as digits or a number; a JSON -0 is time 0, not -0 (found by the webhook fuzzer, seed 1180914507)', () => {
    expect(unixSecondsToMs('1796327501', '/t')).toBe(1796327501000);
    expect(unixSecondsToMs(1796327501, '/t')).toBe(1796327501000);
    expect(Object.is(unixSecondsToMs(-0, '/t'), 0)).toBe(true);
    expect(JSON.stringify({ at: unixSecondsToMs(JSON.parse('-0'), '/t') })).toBe('{"at":0}');
  });

  it('refuses what is not Unix seconds, naming the path', () => {
    for (const bad of [-1, 1.5, 1e12, '12a', '', null, '1234567890123']) {
      let thrown: unknown;
      try {
        unixSecondsToMs(bad, '/entry/0/time');
      } catch (err) {
        thrown = err;
      }
      expect(thrown, String(bad)).toMatchObject({ path: '/entry/0/time', message: expect.stringContaining('Unix seconds') });
    }
  });
});
