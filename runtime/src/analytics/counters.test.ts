import { describe, expect, it } from 'vitest';
import { analyticsKey, counterKey, parseCounterKey, type CounterKey } from './counters';

describe('analytics counters', () => {
  it('names one hash per flow and UTC day', () => {
    expect(analyticsKey('f', Date.UTC(2026, 10, 21, 23, 59))).toBe('analytics:f:2026-11-21');
  });

  it("names a separate hash per flow, campaign and day for a campaign's sessions", () => {
    const at = Date.UTC(2026, 10, 21, 12);
    expect(analyticsKey('f', at, 'spring-sale')).toBe('analytics:f:campaign:spring-sale:2026-11-21');
    expect(analyticsKey('f', at, 'spring-sale')).not.toBe(analyticsKey('f', at));
    expect(analyticsKey('f', at, 'a')).not.toBe(analyticsKey('f', at, 'b'));
  });

  it('writes the fields stored so far unchanged', () => {
    expect(counterKey({ kind: 'start' })).toBe('start');
    expect(counterKey({ kind: 'visit', node: 'ask' })).toBe('visit:ask');
    expect(counterKey({ kind: 'exit', node: 'ask', exit: 'timeout' })).toBe('exit:ask:timeout');
    expect(counterKey({ kind: 'handoff', node: 'h' })).toBe('handoff:h');
    expect(counterKey({ kind: 'event', name: 'misunderstood', node: 'ask' })).toBe('misunderstood:ask');
    expect(counterKey({ kind: 'event', name: 'interrupt' })).toBe('interrupt');
  });

  it.each<CounterKey>([
    { kind: 'start' },
    { kind: 'end' },
    { kind: 'error' },
    { kind: 'visit', node: 'a:b' },
    { kind: 'handoff', node: 'queue:sales' },
    { kind: 'exit', node: 'menu:main', exit: 'button:yes' },
    { kind: 'exit', node: 'odd%3Aid', exit: 'next' },
    { kind: 'event', name: 'expression.error', node: 'x:y' },
    { kind: 'event', name: 'misunderstood' },
  ])('round-trips %j (ids containing ":" included)', (counter) => {
    expect(parseCounterKey(counterKey(counter))).toEqual(counter);
  });

  it('reads legacy and malformed fields', () => {
    // Written before escaping: a visit's node is everything after the kind.
    expect(parseCounterKey('visit:a:b')).toEqual({ kind: 'visit', node: 'a:b' });
    expect(parseCounterKey('exit:ask')).toEqual({ kind: 'exit', node: 'ask', exit: 'next' });
    expect(parseCounterKey('exit:ask:')).toEqual({ kind: 'exit', node: 'ask', exit: 'next' });
    expect(parseCounterKey('visit:')).toBeNull();
    expect(parseCounterKey('')).toBeNull();
  });
});
