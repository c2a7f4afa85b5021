/** Random event sequences against a flow that uses every node type: step never throws and its output stays well-formed. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from './contract';
import type { EngineSnapshot } from './snapshot';
import { step } from './step';
import { makeFlow, understanding } from './test-kit';

const child = makeFlow([{ id: 'c', type: 'ask', prompt: 'child?', expect: 'number', saveAs: 'x', exits: { next: null } }], { id: 'child' });
const flow = makeFlow(
  [
    {
      id: 'menu',
      type: 'message',
      text: 'Hi {{contact.name}}',
      buttons: [
        { id: 'a', title: 'A' },
        { id: 'b', title: 'B' },
      ],
      timeout: '1h',
      exits: { a: 'ask', b: 'http', other: 'route', timeout: 'wait' },
    },
    {
      id: 'ask',
      type: 'ask',
      prompt: 'Email?',
      expect: 'email',
      saveAs: 'email',
      maxRetries: 1,
      exits: { next: 'sub', invalid: 'handoff' },
    },
    { id: 'sub', type: 'subflow', flow: 'child', returns: { got: 'x' }, exits: { next: 'llm' } },
    { id: 'llm', type: 'llm', prompt: 'Say {{got}}', fallback: 'fallback', exits: { next: 'menu' } },
    {
      id: 'http',
      type: 'http',
      method: 'GET',
      url: 'https://x/{{email}}',
      map: { s: 'body.s' },
      exits: { success: 'set', failure: 'end' },
    },
    { id: 'set', type: 'set', assign: [{ variable: 'n', value: '{{ default(n, 0) + 1 }}' }], exits: { next: 'route' } },
    {
      id: 'route',
      type: 'route',
      cases: [
        { id: 'yes', test: { op: 'is_yes' } },
        { id: 'many', test: { op: 'expression', args: ['n > 3'] } },
      ],
      exits: { yes: 'tpl', many: 'end', default: 'menu' },
    },
    { id: 'tpl', type: 'template', name: 't', language: 'en', params: { body: ['{{n}}'] }, exits: { next: 'wait' } },
    { id: 'wait', type: 'wait', duration: '5m', exits: { next: 'menu' } },
    { id: 'handoff', type: 'handoff', exits: { next: 'menu' } },
    { id: 'help', type: 'message', text: 'help', exits: { next: null } },
    { id: 'end', type: 'end' },
  ],
  {
    interrupts: [{ intent: 'help', target: 'help', resume: true }],
    settings: { softTimeout: { after: '10m', node: 'help' }, expireAfter: '1d' },
  },
);

const event: fc.Arbitrary<(s: EngineSnapshot | null) => EngineEvent> = fc.oneof(
  fc.constant(() => ({ type: 'start' as const, contact: { id: 'c', name: 'Ana' } })),
  fc
    .constantFrom('yes', 'B', 'a@b.co', '42', 'nope', '', '{{x}}')
    .map((text) => () => ({ type: 'message' as const, message: { kind: 'text' as const, text } })),
  fc.constant(() => ({
    type: 'message' as const,
    message: { kind: 'text' as const, text: 'help' },
    understanding: understanding({ intent: 'help', confidence: 1 }),
  })),
  fc.constantFrom('a', 'b', 'zz').map((choiceId) => () => ({ type: 'message' as const, message: { kind: 'button' as const, choiceId } })),
  fc
    .constantFrom('ask_timeout', 'soft_timeout', 'wait', 'expire', 'bogus')
    .map((timerId) => (s: EngineSnapshot | null) => ({ type: 'timer.fired' as const, timerId, sprint: s?.timers[timerId] ?? 0 })),
  fc.constant((s: EngineSnapshot | null) => ({
    type: 'http.done' as const,
    requestId: s?.frames.at(-1)?.pending ?? 'x',
    status: 200,
    body: { s: 1 },
  })),
  fc.constant((s: EngineSnapshot | null) => ({ type: 'http.failed' as const, requestId: s?.frames.at(-1)?.pending ?? 'x', error: 'boom' })),
  fc.constant((s: EngineSnapshot | null) => ({ type: 'llm.done' as const, requestId: s?.frames.at(-1)?.pending ?? 'x', text: 'hi' })),
  fc.constant(() => ({ type: 'handoff.released' as const })),
);

describe('engine fuzz', () => {
  it('any event sequence: no throw, valid status, JSON-safe snapshot, bounded effects', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 25 }), (makers) => {
        let snapshot: EngineSnapshot | null = null;
        let sprint = 0;
        for (const make of makers) {
          const result = step(flow, snapshot, make(snapshot), { resolveFlow: (id) => (id === 'child' ? child : undefined), now: 1 });
          expect(['active', 'waiting', 'handoff', 'ended', 'expired', 'errored']).toContain(result.snapshot.status);
          expect(result.effects.length).toBeLessThan(60);
          expect(result.snapshot.sprint).toBeGreaterThanOrEqual(sprint);
          sprint = result.snapshot.sprint;
          if (result.snapshot.status !== 'errored') expect(result.effects.some((e) => e.type === 'error')).toBe(false);
          snapshot = JSON.parse(JSON.stringify(result.snapshot)) as EngineSnapshot;
        }
      }),
      { numRuns: 300 },
    );
  });
});
