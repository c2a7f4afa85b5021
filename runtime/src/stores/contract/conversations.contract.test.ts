import { expect, it } from 'vitest';
import type { Commit, InboxItem, StoredSession } from '../../conversation';
import { describeStores } from './harness';
import { asConversationId } from '../../conversation';

const session = (sprint: number): StoredSession => ({
  startedAt: 1,
  publishedVersion: 1,
  snapshot: {
    flowId: 'f',
    flowRevision: 1,
    specVersion: '1.0.0',
    sprint,
    status: 'waiting',
    variables: { name: 'Zoë' },
    engine: 1,
    language: 'en',
    frames: [{ flowId: 'f', flowRevision: 1, at: 'ask' }],
    timers: {},
  },
});

const base: Commit = { popInbox: true, outbound: [], timersSet: [], timersCancel: [], counters: [], sessionTtlSec: 3600 };

describeStores('ConversationStore', (get) => {
  it('commits snapshot, inbox pop, outbox, timers, counters and contact together', async () => {
    const { inbox, conversations, outbox, counters } = get();
    const conv = asConversationId('t:whatsapp:u1');
    await inbox.append(conv, { kind: 'message', id: 'a', receivedAt: 1, contact: { id: 'u1' }, message: { kind: 'text', text: 'hi' } });
    const claim = (await inbox.claim(Date.now(), 30_000))!;
    const now = Date.now();
    const res = await conversations.commit(
      claim,
      {
        ...base,
        session: session(1),
        outbound: [{ key: 'k1', nodeId: 'n1', lane: 0, message: { kind: 'text', text: 'hello' }, attempts: 0, createdAt: now }],
        timersSet: [{ timerId: 'ask', sprint: 1, dueAt: now + 60_000 }],
        counters: [
          { key: 'analytics:f', field: 'v:n1', by: 1 },
          { key: 'analytics:f', field: 'v:n1', by: 2 },
        ],
        contact: { lastInboundAt: 1234, name: 'Zoë' },
      },
      now,
    );
    expect(res).toBe('ok');
    const state = await conversations.load(conv);
    expect(state.session?.snapshot.variables).toEqual({ name: 'Zoë' });
    expect(state.contact).toEqual({ lastInboundAt: 1234, name: 'Zoë' });
    expect(await conversations.contact(conv)).toEqual({ lastInboundAt: 1234, name: 'Zoë' });
    expect(await conversations.contact(asConversationId('t:whatsapp:nobody'))).toBeNull();
    expect(state.timers).toEqual({ ask: 1 });
    expect(await inbox.length(conv)).toBe(0);
    expect(await inbox.readyCount()).toBe(0);
    expect(await outbox.head(conv)).toMatchObject({ key: 'k1', message: { text: 'hello' } });
    expect(await counters.read('analytics:f')).toEqual({ 'v:n1': 3 });
    expect(await conversations.countSessions()).toBe(1);
  });

  it('refuses a commit from a worker that lost its lease (fencing)', async () => {
    const { inbox, conversations } = get();
    const conv = asConversationId('t:whatsapp:u2');
    await inbox.append(conv, { kind: 'timer', timerId: 'x', sprint: 1, receivedAt: 1 });
    const stale = (await inbox.claim(Date.now(), 50))!;
    await new Promise((r) => setTimeout(r, 80));
    const fresh = (await inbox.claim(Date.now() + 1000, 30_000))!;
    expect(fresh.conv).toBe(conv);
    expect(await conversations.commit(stale, { ...base, session: session(9) }, Date.now())).toBe('lost-lease');
    expect((await conversations.load(conv)).session).toBeNull();
    expect(await inbox.length(conv)).toBe(1);
    expect(await conversations.commit(fresh, { ...base, session: session(2) }, Date.now())).toBe('ok');
    expect((await conversations.load(conv)).session?.snapshot.sprint).toBe(2);
  });

  it('cancels timers and deletes sessions', async () => {
    const { inbox, conversations, timers } = get();
    const conv = asConversationId('t:whatsapp:u3');
    await inbox.append(conv, { kind: 'timer', timerId: 'x', sprint: 1, receivedAt: 1 });
    await inbox.append(conv, { kind: 'timer', timerId: 'y', sprint: 1, receivedAt: 1 });
    const claim = (await inbox.claim(Date.now(), 30_000))!;
    const now = Date.now();
    await conversations.commit(
      claim,
      {
        ...base,
        session: session(1),
        timersSet: [
          { timerId: 'a', sprint: 1, dueAt: now + 5 },
          { timerId: 'b', sprint: 1, dueAt: now + 10 },
        ],
      },
      now,
    );
    expect(await inbox.readyCount()).toBe(1);
    await conversations.commit(claim, { ...base, session: null, timersCancel: ['a'] }, now);
    const state = await conversations.load(conv);
    expect(state.session).toBeNull();
    expect(state.timers).toEqual({ b: 1 });
    expect(await timers.nextDue()).toBe(now + 10);
  });

  it('commitAndContinue returns the next item with the new state, and gives the lease back once the inbox is empty', async () => {
    const { inbox, conversations } = get();
    const conv = asConversationId('t:whatsapp:u7');
    await inbox.append(conv, { kind: 'timer', timerId: 'x', sprint: 1, receivedAt: 1 });
    await inbox.append(conv, { kind: 'timer', timerId: 'y', sprint: 2, receivedAt: 2 });
    const claim = (await inbox.claim(Date.now(), 30_000))!;
    expect(claim.prefetched?.item).toMatchObject({ timerId: 'x' });
    const first = await conversations.commitAndContinue(claim, { ...base, session: session(1), contact: { name: 'Ana' } }, Date.now(), {
      next: true,
      releaseWhenEmpty: true,
    });
    expect(first.status).toBe('ok');
    expect(first.released).toBeUndefined();
    expect(first.next?.item).toMatchObject({ timerId: 'y' });
    expect(first.next?.state.session?.snapshot.sprint).toBe(1);
    expect(first.next?.state.contact).toEqual({ name: 'Ana' });
    const second = await conversations.commitAndContinue(claim, { ...base, session: session(2) }, Date.now(), {
      next: true,
      releaseWhenEmpty: true,
    });
    expect(second).toEqual({ status: 'ok', released: true });
    expect(await inbox.readyCount()).toBe(0);
    // Released: the old claim can no longer commit, and a new item is claimable at once.
    expect(await conversations.commit(claim, base, Date.now())).toBe('lost-lease');
    await inbox.append(conv, { kind: 'timer', timerId: 'z', sprint: 3, receivedAt: 3 });
    expect((await inbox.claim(Date.now(), 30_000))?.prefetched?.state.session?.snapshot.sprint).toBe(2);
  });

  it('opens a desk with its transcript, lists open desks oldest first, and closes it', async () => {
    const { inbox, conversations, desk } = get();
    const claimOf = async (raw: string) => {
      const conv = asConversationId(raw);
      await inbox.append(conv, { kind: 'timer', timerId: 'x', sprint: 1, receivedAt: 1 });
      for (;;) {
        const claim = (await inbox.claim(Date.now(), 30_000))!;
        if (claim.conv === conv) return claim;
        await inbox.release(claim, Date.now(), 0);
      }
    };
    const commit = async (claim: Awaited<ReturnType<typeof claimOf>>, c: Commit) => {
      await conversations.commitAndContinue(claim, c, Date.now(), { releaseWhenEmpty: true });
    };
    const a = await claimOf('t:whatsapp:da');
    await commit(a, {
      ...base,
      desk: {
        open: { since: 2000 },
        log: [
          { at: 1, from: 'user', text: 'I want a person' },
          { at: 1, from: 'bot', text: 'Connecting you' },
        ],
      },
    });
    const b = await claimOf('t:whatsapp:db');
    await commit(b, { ...base, desk: { open: { since: 1000 }, log: [] } });
    expect(await desk.list(10)).toEqual([
      { conv: 't:whatsapp:db', since: 1000 },
      { conv: 't:whatsapp:da', since: 2000 },
    ]);
    const a2 = await claimOf('t:whatsapp:da');
    // Opening again keeps the original time; the log grows.
    await commit(a2, { ...base, desk: { open: { since: 9000 }, log: [{ at: 2, from: 'user', text: 'hello?' }] } });
    expect((await desk.list(10)).find((d) => d.conv === 't:whatsapp:da')?.since).toBe(2000);
    expect((await desk.transcript(asConversationId('t:whatsapp:da'), 2)).map((e) => e.text)).toEqual(['Connecting you', 'hello?']);
    const a3 = await claimOf('t:whatsapp:da');
    await commit(a3, { ...base, desk: { close: true } });
    expect(await desk.list(10)).toEqual([{ conv: 't:whatsapp:db', since: 1000 }]);
    expect(await desk.transcript(asConversationId('t:whatsapp:da'), 10)).toEqual([]);
  });

  it('puts requeued items back at the head of the inbox, in order, ahead of newer ones', async () => {
    const { inbox, conversations } = get();
    const conv = asConversationId('t:whatsapp:rq');
    const msg = (id: string): InboxItem => ({
      kind: 'message',
      id,
      receivedAt: 1,
      contact: { id: 'rq' },
      message: { kind: 'text', text: id },
    });
    await inbox.append(conv, { kind: 'timer', timerId: 'x', sprint: 1, receivedAt: 1 });
    await inbox.append(conv, msg('later'));
    const claim = (await inbox.claim(Date.now(), 30_000))!;
    await conversations.commit(claim, { ...base, requeue: [msg('first'), msg('second')] }, Date.now());
    const order: string[] = [];
    for (let item = await inbox.peek(conv); item; item = await inbox.peek(conv)) {
      order.push(item.kind === 'message' ? item.id : item.kind);
      await conversations.commit(claim, base, Date.now());
    }
    expect(order).toEqual(['first', 'second', 'later']);
  });
});
