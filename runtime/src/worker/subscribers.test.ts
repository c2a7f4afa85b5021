import { describe, expect, it, vi } from 'vitest';
import { conversationId, type StoredSession } from '../conversation';
import { createMemoryStores } from '../stores';
import { createTestContext } from '../testing/context';
import type { PostCommitEvent } from './post-commit';
import { deskSubscriber, simulatorEvents, simulatorSubscriber } from './subscribers';

const preview = conversationId('demo', 'simulator', 'p1');
const whatsapp = conversationId('demo', 'whatsapp', '16505550203');
const session: StoredSession = {
  startedAt: 1,
  publishedVersion: 1,
  snapshot: {
    flowId: 'f',
    flowRevision: 1,
    specVersion: '1.0.0',
    sprint: 1,
    status: 'waiting',
    variables: { a: 1 },
    engine: 1,
    language: 'en',
    frames: [{ flowId: 'f', flowRevision: 1, at: 'ask' }],
    timers: {},
  },
};

describe('simulatorEvents (what a preview shows of a post-commit event)', () => {
  it('shows a step as its errors, its handoffs, then its state', () => {
    const stepped: PostCommitEvent = {
      type: 'engine.stepped',
      conversation: preview,
      snapshot: { ...session.snapshot, status: 'handoff', waitingAt: 'h' },
      errors: [{ type: 'error', code: 'x', message: 'boom', nodeId: 'n1' }],
      handoffs: [{ type: 'handoff', nodeId: 'h', queue: 'sales' }],
      refusals: [
        { type: 'template.refused', nodeId: 'remind', name: 'cart_reminder', language: 'en', reason: 'paused', detail: 'paused by Meta' },
      ],
      visited: ['n1', 'h'],
      outbound: 2,
    };
    expect(simulatorEvents(stepped)).toEqual([
      { type: 'error', message: 'n1: boom' },
      { type: 'error', message: 'remind: template cart_reminder (en) not sent (paused): paused by Meta' },
      { type: 'handoff', nodeId: 'h', queue: 'sales' },
      { type: 'state', status: 'handoff', waitingAt: 'h', variables: { a: 1 }, visited: ['n1', 'h'], outbound: 2 },
    ]);
  });

  it('shows a held session as its state (a person has it: handoff), and a refused control as an error', () => {
    expect(
      simulatorEvents({ type: 'session.held', conversation: preview, session: { ...session, desk: { since: 1, by: 'agent' } } }),
    ).toEqual([{ type: 'state', status: 'handoff', variables: { a: 1 }, visited: [], outbound: 0 }]);
    expect(simulatorEvents({ type: 'control.refused', conversation: preview, reason: 'no timer is pending' })).toEqual([
      { type: 'error', message: 'no timer is pending' },
    ]);
    expect(simulatorEvents({ type: 'item.set-aside', conversation: preview, failures: 3, reason: 'boom' })).toEqual([
      { type: 'error', message: 'this input could not be handled (failed 3 times): boom' },
    ]);
    expect(simulatorEvents({ type: 'handoff.released', conversation: preview })).toEqual([]);
  });
});

describe('post-commit subscribers', () => {
  it('the simulator hears only preview conversations; the helpdesk only real ones', () => {
    const ctx = createTestContext(createMemoryStores());
    const publish = vi.spyOn(ctx.simulator, 'publish');
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    ctx.fetch = fetch;
    ctx.config.handoff = { webhookUrl: 'https://helpdesk.example/hook' };
    const held = (conversation: typeof preview): PostCommitEvent => ({ type: 'session.held', conversation, session });
    simulatorSubscriber(ctx)(held(whatsapp));
    simulatorSubscriber(ctx)(held(preview));
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish.mock.calls[0]?.[0]).toBe('p1');
    deskSubscriber(ctx)({ type: 'handoff.released', conversation: preview });
    deskSubscriber(ctx)(held(whatsapp));
    expect(fetch).not.toHaveBeenCalled();
    deskSubscriber(ctx)({ type: 'handoff.released', conversation: whatsapp });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
