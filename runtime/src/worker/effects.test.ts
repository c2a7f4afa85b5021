import { expect, it } from 'vitest';
import { analyticsKey } from '../analytics/counters';
import { planEffects } from './effects';

it('maps sends, timers, jobs and analytics; later timer effects win', () => {
  const now = Date.UTC(2026, 10, 21, 12);
  const plan = planEffects({
    flowId: 'f',
    sessionKey: 's1',
    lane: 0,
    now,
    causedAt: now - 5,
    effects: [
      { type: 'analytics', name: 'flow.start' },
      { type: 'analytics', name: 'node.visit', nodeId: 'ask' },
      { type: 'send', key: 'f:1:0', nodeId: 'ask', message: { kind: 'text', text: 'Name?' } },
      { type: 'timer.schedule', timerId: 't1', kind: 'ask_timeout', delayMs: 1000, sprint: 1 },
      { type: 'timer.cancel', timerId: 't0' },
      { type: 'timer.schedule', timerId: 't0', kind: 'expire', delayMs: 5000, sprint: 1 },
      { type: 'timer.cancel', timerId: 't1' },
      { type: 'http', requestId: 'r1', nodeId: 'h', request: { method: 'GET', url: 'http://x', headers: {}, timeoutMs: 100, retries: 0 } },
      { type: 'analytics', name: 'node.exit', nodeId: 'ask', exit: 'timeout' },
    ],
  });
  expect(plan.outbound).toEqual([
    { key: 's1:f:1:0', nodeId: 'ask', lane: 0, message: { kind: 'text', text: 'Name?' }, attempts: 0, createdAt: now, causedAt: now - 5 },
  ]);
  expect(plan.timersSet).toEqual([{ timerId: 't0', sprint: 1, dueAt: now + 5000 }]);
  expect(plan.timersCancel).toEqual(['t1']);
  expect(plan.jobs.map((j) => j.requestId)).toEqual(['r1']);
  expect(plan.visited).toEqual(['ask']);
  const key = analyticsKey('f', now);
  expect(key).toBe('analytics:f:2026-11-21');
  expect(plan.counters.map((c) => c.field)).toEqual(['start', 'visit:ask', 'exit:ask:timeout']);
});

it('puts marketing templates on the bulk lane; utility, authentication and other messages keep the step lane; counts refusals', () => {
  const now = Date.UTC(2026, 11, 3, 9);
  const template = (category?: 'marketing' | 'utility' | 'authentication') => ({
    kind: 'template' as const,
    name: 't',
    language: 'en',
    params: {},
    ...(category ? { category } : {}),
  });
  const plan = planEffects({
    flowId: 'f',
    sessionKey: 's1',
    lane: 0,
    now,
    effects: [
      { type: 'send', key: 'k1', nodeId: 'a', message: template('marketing') },
      { type: 'send', key: 'k2', nodeId: 'b', message: template('utility') },
      { type: 'send', key: 'k3', nodeId: 'c', message: template('authentication') },
      { type: 'send', key: 'k4', nodeId: 'd', message: template() },
      { type: 'send', key: 'k5', nodeId: 'e', message: { kind: 'text', text: 'hi' } },
      { type: 'template.refused', nodeId: 'r', name: 'cart_reminder', language: 'en', reason: 'paused', detail: 'paused by Meta' },
    ],
  });
  expect(plan.outbound.map((o) => [o.nodeId, o.lane])).toEqual([
    ['a', 2],
    ['b', 0],
    ['c', 0],
    ['d', 0],
    ['e', 0],
  ]);
  expect(plan.refusals).toEqual([
    { type: 'template.refused', nodeId: 'r', name: 'cart_reminder', language: 'en', reason: 'paused', detail: 'paused by Meta' },
  ]);
  expect(plan.counters.map((c) => c.field)).toEqual(['template.refused:r']);
});

it("counts a campaign session's analytics under the flow and again under the campaign", () => {
  const now = Date.UTC(2026, 10, 21, 12);
  const plan = planEffects({
    flowId: 'f',
    sessionKey: 's1',
    lane: 2,
    now,
    campaign: 'spring',
    effects: [
      { type: 'analytics', name: 'flow.start' },
      { type: 'analytics', name: 'node.visit', nodeId: 'ask' },
    ],
  });
  expect(plan.counters).toEqual([
    { key: analyticsKey('f', now), field: 'start', by: 1 },
    { key: analyticsKey('f', now, 'spring'), field: 'start', by: 1 },
    { key: analyticsKey('f', now), field: 'visit:ask', by: 1 },
    { key: analyticsKey('f', now, 'spring'), field: 'visit:ask', by: 1 },
  ]);
});
