/**
 * The item handlers through the processor's dispatch, on memory stores: the simulator's
 * controls, the agent desk's takeover, a late status, and the events each outcome announces.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateFlow, type Flow } from '@parley/flow';
import { beforeAll, describe, expect, it } from 'vitest';
import { conversationId, type ConversationState, type InboxItem, type StoredSession } from '../../conversation';
import { createMemoryStores } from '../../stores';
import { createTestContext } from '../../testing/context';
import type { RuntimeContext } from '../../platform/context';
import { emptyOutcome } from '../outcome';
import { createItemProcessor, type ItemProcessor } from '../process';
import { Understanders } from '../understanding';
import { itemHandlers } from '.';

const fixture = join(import.meta.dirname, '../../../../test/integration/fixtures/timer-demo.flow.json');
const preview = conversationId('demo', 'simulator', 'preview-1');
const whatsapp = conversationId('demo', 'whatsapp', '16505550202');
const nothing: ConversationState = { session: null, contact: null, timers: {} };

let ctx: RuntimeContext;
let processItem: ItemProcessor;
let flow: Flow;

beforeAll(() => {
  ctx = createTestContext(createMemoryStores());
  processItem = createItemProcessor(ctx, new Understanders(ctx));
  const checked = validateFlow(JSON.parse(readFileSync(fixture, 'utf8')));
  if (!checked.flow) throw new Error('the timer-demo fixture does not validate');
  flow = checked.flow;
});

const restart = (): InboxItem => ({ kind: 'control', action: 'restart', flowId: 'timer-demo', draft: flow, receivedAt: ctx.now() });

async function startedSession(conv = preview): Promise<StoredSession> {
  const out = await processItem(conv, restart(), nothing);
  if (!out.commit.session) throw new Error('restart stored no session');
  return out.commit.session;
}

describe('item handlers', () => {
  it('have one entry per inbox item kind', () => {
    expect(Object.keys(itemHandlers).sort()).toEqual([
      'campaign',
      'control',
      'engine',
      'event',
      'message',
      'preference',
      'status',
      'timer',
    ]);
  });

  it('restart starts the draft in a preview: the step is announced, no analytics are counted', async () => {
    const out = await processItem(preview, restart(), nothing);
    expect(out.commit.session).toMatchObject({
      publishedVersion: 0,
      snapshot: { flowId: 'timer-demo', status: 'waiting', waitingAt: 'ask_name' },
    });
    expect(out.commit.outbound.map((o) => o.message)).toEqual([{ kind: 'text', text: 'What is your name?' }]);
    expect(out.commit.counters).toEqual([]);
    expect(out.events).toMatchObject([{ type: 'engine.stepped', conversation: preview, visited: ['ask_name'], outbound: 1 }]);
  });

  it('"time out now" without a pending timer is refused, with the reason announced', async () => {
    const session = await startedSession();
    const out = await processItem(preview, { kind: 'control', action: 'fire-wait-timer', receivedAt: ctx.now() }, { ...nothing, session });
    expect(out).toEqual(emptyOutcome(ctx, [{ type: 'control.refused', conversation: preview, reason: 'no timer is pending' }]));
  });

  it('"time out now" fires the wait\'s timer: the flow takes its timeout exit and ends (the preview keeps the session)', async () => {
    const session = await startedSession();
    const [timerId] = Object.keys(session.timerKinds ?? {});
    const out = await processItem(
      preview,
      { kind: 'control', action: 'fire-wait-timer', receivedAt: ctx.now() },
      { ...nothing, session, timers: { [timerId!]: session.snapshot.sprint } },
    );
    expect(out.commit.outbound.map((o) => o.message)).toEqual([{ kind: 'text', text: 'Too slow!' }]);
    expect(out.commit.session?.snapshot.status).toBe('ended');
    expect(out.commit.session?.timerKinds).toEqual({});
    expect(out.commit.timersCancel).toContain(timerId);
  });

  it("a takeover opens the desk and announces it; an agent's message then goes out through the outbox", async () => {
    const session = await startedSession(whatsapp);
    const taken = await processItem(
      whatsapp,
      { kind: 'control', action: 'takeover', agent: 'ana', receivedAt: ctx.now() },
      { ...nothing, session },
    );
    expect(taken.commit.desk?.open).toBeDefined();
    expect(taken.events.map((e) => e.type)).toEqual(['session.held', 'handoff.started']);
    const withDesk = taken.commit.session!;
    const reply = await processItem(
      whatsapp,
      { kind: 'control', action: 'agent-message', id: 'a1', text: 'Hi, Ana here', agent: 'ana', receivedAt: ctx.now() },
      { ...nothing, session: withDesk },
    );
    expect(reply.commit.outbound).toMatchObject([{ key: 'agent:a1', nodeId: 'agent', message: { kind: 'text', text: 'Hi, Ana here' } }]);
    expect(reply.commit.desk?.log?.[0]?.text).toBe('ana: Hi, Ana here');
  });

  it('a message while the desk is open goes to the transcript and the helpdesk, not to the bot', async () => {
    const session: StoredSession = { ...(await startedSession(whatsapp)), desk: { since: ctx.now(), by: 'agent' } };
    const item: InboxItem = {
      kind: 'message',
      id: 'wamid.1',
      receivedAt: ctx.now(),
      contact: { id: '16505550202' },
      message: { kind: 'text', text: 'hello?' },
    };
    const out = await processItem(whatsapp, item, { ...nothing, session });
    expect(out.commit.session).toBeUndefined();
    expect(out.commit.desk?.log?.[0]?.text).toBe('hello?');
    // Contacts learn of every message, the desk's too.
    expect(out.events.map((e) => e.type)).toEqual(['message.received', 'session.held', 'handoff.message']);
    expect(out.events[0]).toEqual({
      type: 'message.received',
      conversation: whatsapp,
      contact: { id: '16505550202' },
      message: { kind: 'text', text: 'hello?' },
      at: item.receivedAt,
    });
  });

  it('a status about a message nobody sent, past the grace period, changes nothing', async () => {
    const out = await processItem(
      whatsapp,
      { kind: 'status', messageId: 'wamid.unknown', status: 'read', receivedAt: ctx.now() - 60_000 },
      nothing,
    );
    expect(out).toEqual(emptyOutcome(ctx));
  });
});
